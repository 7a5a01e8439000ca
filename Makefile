# parindex: two commands on a fresh machine with Python 3.11+.
#   make run   installs into .venv, migrates, loads the demo and serves http://127.0.0.1:8000
#              with a background worker (imports, PDF, e-mail) that stops with the server
#   make test  installs the dev tools and runs every check and test (PostgreSQL too when
#              DATABASE_URL points to one; browser tests when /usr/bin/chromium exists)

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PARINDEX := $(PY) -m parindex
ADDR ?= 127.0.0.1:8000

.PHONY: run test install install-dev lint check test-sqlite test-postgres test-browser clean

$(PY):
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "parindex needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

install: $(PY)
	$(PY) -m pip install --quiet -e .

install-dev: $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"

run: install
	$(PARINDEX) translations --no-extract
	$(PARINDEX) migrate --noinput
	$(PARINDEX) demo
	@# The worker runs the background jobs; it stops when the server does (Ctrl+C included).
	$(PARINDEX) worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PARINDEX) runserver $(ADDR)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install-dev
	$(PARINDEX) check --fail-level WARNING
	env -u DATABASE_URL -u DATABASE_REPLICA_URL $(PARINDEX) makemigrations --check --dry-run
	$(PARINDEX) translations --check

test-sqlite: install-dev
	env -u DATABASE_URL -u DATABASE_REPLICA_URL $(PY) -m pytest -m "not browser" -n 2 -q

test-postgres: install-dev
	@if [ -n "$$DATABASE_URL" ] && case "$$DATABASE_URL" in postgres*) true;; *) false;; esac; then \
		echo "== PostgreSQL: $$DATABASE_URL (replica: $${DATABASE_REPLICA_URL:-none})"; \
		$(PY) -m pytest -m "not browser" -n 2 -q; \
	else echo "== PostgreSQL skipped: DATABASE_URL does not point to PostgreSQL"; fi

test-browser: install-dev
	@if [ -x /usr/bin/chromium ]; then \
		env -u DATABASE_URL -u DATABASE_REPLICA_URL $(PY) -m pytest -m browser -q; \
	else echo "== browser tests skipped: /usr/bin/chromium not installed"; fi

test: lint check test-sqlite test-postgres test-browser

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
