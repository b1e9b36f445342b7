"""WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi …`."""

from board import create_app

app = create_app()
