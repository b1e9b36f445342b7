"""`make bench`: a municipality-scale dataset, the app under gunicorn, every page measured."""
