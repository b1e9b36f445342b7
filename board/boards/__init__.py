"""Kanban boards per team: columns with WIP limits, cards, moves and their history."""
