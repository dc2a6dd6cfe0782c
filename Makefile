# coop: the everyday commands. Works on a fresh Debian 12 machine with Python 3.11: every
# target installs what it needs first (Python packages into .venv, Debian packages with
# apt-get only when missing), so `make run` and `make test` are all a newcomer types.
#
#   make run                               demo site on http://127.0.0.1:8000 (SQLite)
#   make test                              every test: PostgreSQL, localstripe, Chromium
#   make test PYTEST_ARGS="tests/members -x"
#   make lint / make check / make services (a shell with the test services up)

PYTHON ?= python3
VENV = .venv
PY = $(VENV)/bin/python
# The stamp is newer than pyproject.toml once its packages are installed: a second run
# skips pip entirely.
INSTALLED = $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: venv install run test test-deps services lint format check clean bench

venv: $(PY)

install: $(INSTALLED)

# Debian ships venv separately (python3-venv); system_deps.sh adds it when it is missing.
$(PY):
	bash scripts/system_deps.sh venv
	$(PYTHON) -m venv $(VENV)

# One install for everything (runtime + test tools): simpler than two, and fast after once.
$(INSTALLED): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# The demo runs on SQLite (no DATABASE_URL) with DEBUG on, which also supplies a demo
# SECRET_KEY and lets runserver serve the static files. load_demo is safe to run again.
run: $(INSTALLED)
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py load_demo
	@echo
	@echo "Open http://127.0.0.1:8000 — sign in as member / supporter / organiser / board / finance / returning / admin, password coop-demo"
	@echo
	DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000

# Debian's chromium (Playwright's browser download needs the internet), fonts, PostgreSQL 15.
test-deps: $(INSTALLED)
	bash scripts/system_deps.sh test

# pytest under throwaway PostgreSQL + localstripe, stopped afterwards even on failure.
# pytest's exit code 5 means "no tests collected": a typo in PYTEST_ARGS must not pass.
test: test-deps
	@status=0; bash scripts/test_services.sh $(PY) -m pytest $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; \
	exit $$status

# A shell with DATABASE_URL and STRIPE_* set, for running pytest or manage.py by hand;
# the services stop when the shell exits.
services: test-deps
	bash scripts/test_services.sh $${SHELL:-/bin/bash}

# The benchmark (bench/README.md): seeds S and L in a throwaway PostgreSQL, loads the pages
# through gunicorn with wrk, races 300 bookings for 20 places, counts the largest election
# against pystv. Writes bench/results.json. wrk (Debian) and pystv (PyPI, for the
# benchmark only, not a project dependency) are installed here when missing.
bench: test-deps
	@command -v wrk >/dev/null 2>&1 || { apt-get update && apt-get install -y wrk; }
	@$(PY) -c "import pyrcv" 2>/dev/null || \
		$(PY) -m pip install --quiet --disable-pip-version-check pystv==2.0.2
	DJANGO_SETTINGS_MODULE=bench.settings bash scripts/test_services.sh $(PY) -m bench.run

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(INSTALLED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# DEBUG=true only so settings supply a demo SECRET_KEY; runs on SQLite, no services needed.
check: $(INSTALLED)
	DEBUG=true $(PY) manage.py check
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run

# Leaves .venv alone (slow to rebuild); `rm -rf .venv` for a from-scratch install.
clean:
	rm -rf .pytest_cache .ruff_cache test-results
