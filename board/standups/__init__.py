"""The weekly stand-up of a team: agenda from the board, notes, decisions, action items."""
