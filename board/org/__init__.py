"""The organisation: chains (ketens) holding teams, and who is in which team."""
