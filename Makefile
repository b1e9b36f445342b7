# Linich Wurkje. `make run` to try it, `make test` for the whole suite.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi
PORT ?= 5000
PYTHON ?= python3

.PHONY: run serve test test-fast bench lint format install translations extract-messages browser-deps migrate clean

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed translations

translations: $(VENV)/.installed
	@set -o pipefail; $(VENV)/bin/pybabel compile -d translations --statistics 2>&1 | grep -v '^$$'

migrate: install
	$(FLASK) db upgrade

run: migrate
	$(FLASK) seed-demo
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

serve: migrate
	$(VENV)/bin/gunicorn --config gunicorn.conf.py --workers $${WEB_CONCURRENCY:-3} \
		--bind $${BIND:-127.0.0.1:$(PORT)} --access-logfile - wsgi:app

browser-deps:
	@bash tools/ensure-chromium.sh

test: install browser-deps
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test-fast: install
	$(VENV)/bin/pytest -m "not browser" $(PYTEST_ARGS)

# The bench builds and migrates its own database (bench/data/ or BENCH_DATABASE_URL).
bench: install
	$(PY) -m bench $(BENCH_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

extract-messages: $(VENV)/.installed
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot .
	$(VENV)/bin/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching

clean:
	rm -rf $(VENV) instance/*.db* .pytest_cache
