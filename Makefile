# One-line recipes; see README.md. Python 3.12+ is found automatically.
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3 python3; do command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
# The stamp's name carries a checksum of the dependency files: it exists only while the
# venv matches them, so `make install` is a no-op until they change.
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
# Production processes never fall back to defaults or embedded servers.
REQUIRE_SERVERS = @test -n "$$DATABASE_URL" -a -n "$$REDIS_URL" || { echo "make $@: DATABASE_URL and REDIS_URL must be set (see docs/operations.md); make run starts embedded servers for development" >&2; exit 2; }

.PHONY: install run test lint fmt typecheck migrate schema graphql-schema serve worker sweeper lock bench clean

install: $(STAMP)

$(STAMP):
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is required (none found)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	@rm -f $(VENV)/.installed-* && touch $@

run: install
	$(PY) -m ipamcore.quickstart run

test: install
	$(PY) -m ipamcore.quickstart test $(ARGS)

lint: install
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

fmt: install
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

typecheck: install
	$(VENV)/bin/mypy ipamcore tenancy dcim ipam virtualization extras users

migrate: install
	$(PY) -m ipamcore.quickstart migrate

schema: install
	$(PY) -m ipamcore.quickstart manage spectacular --format openapi-json --file docs/openapi.json

graphql-schema: install
	$(PY) -m ipamcore.quickstart manage graphql_schema --file schema.graphql

serve: install
	$(REQUIRE_SERVERS)
	$(VENV)/bin/gunicorn --config python:ipamcore.gunicorn_config ipamcore.wsgi

worker: install
	$(REQUIRE_SERVERS)
	$(PY) manage.py rqworker high default low

sweeper: install
	$(REQUIRE_SERVERS)
	$(PY) manage.py eventsweeper

lock: install
	$(PY) -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

bench: install
	$(PY) bench/run.py $(ARGS)

clean:
	rm -rf $(VENV) .data
