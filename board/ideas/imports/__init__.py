"""Importing an existing idea list (CSV or Excel) into the idea inbox."""
