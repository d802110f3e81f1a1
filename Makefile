# Two commands for a fresh machine with Python 3.11 and make:
#   make run    set up everything, load territory and demo data, serve http://127.0.0.1:8000
#   make test   the whole suite (SQLite; also PostgreSQL when CI=true)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev setup demo lock lint bench-data bench screenshots backup restore

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip==26.3"

# requirements.lock: what a server runs (the production tree, docs/deploy.md installs only this).
# requirements-dev.lock: that plus the test, lint and benchmark tools (make test, lint, bench).
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

setup: install
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py collectstatic --no-input -v0

run: setup
	$(BIN)/python manage.py load_demo
	@echo "Tejido en http://$(HOST):$(PORT)/  (Ctrl+C para detener)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(BIN)/ruff check .
	$(BIN)/python scripts/run_tests.py

# Backups (docs/deploy.md): the database and the uploaded files in var/backups/tejido-<time>.tar.
backup: install
	$(BIN)/python manage.py backup

restore: install
	@test -n "$(ARCHIVE)" || (echo "Uso: make restore ARCHIVE=var/backups/tejido-....tar" && exit 2)
	$(BIN)/python manage.py restore "$(ARCHIVE)" --yes

lint: install-dev
	$(BIN)/ruff check .

# The lock files pin the whole dependency tree; regenerate both after changing pyproject.toml.
# Resolved in a scratch venv: the production tree first, then the dev tools under its pins.
LOCKVENV := .venv-lock
lock:
	rm -rf $(LOCKVENV) && $(PYTHON) -m venv $(LOCKVENV) && $(LOCKVENV)/bin/pip install --quiet "pip==26.3"
	$(LOCKVENV)/bin/pip install --quiet -e .
	$(LOCKVENV)/bin/pip freeze --exclude-editable | grep -v '^tejido' > requirements.lock
	$(LOCKVENV)/bin/pip install --quiet -c requirements.lock -e ".[dev]"
	(echo "-r requirements.lock"; $(LOCKVENV)/bin/pip freeze --exclude-editable | grep -v '^tejido' \
		| grep -vxFf requirements.lock) > requirements-dev.lock
	rm -rf $(LOCKVENV)

# Large generated data set and benchmarks (PostgreSQL): see bench/README.md. Never the demo database.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/tejido_bench
bench-data: install
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py migrate --no-input -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py generate_people --people 1000000

bench: install-dev
	$(BIN)/python bench/run_all.py
