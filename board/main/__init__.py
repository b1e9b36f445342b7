"""Home page, language switch and health check."""
