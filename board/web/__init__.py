"""Web plumbing shared by every area: htmx rendering, auth decorators, errors, headers."""
