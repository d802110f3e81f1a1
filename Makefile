# Two commands for a fresh machine with Python 3.11 and make:
#   make run    set up everything, load territory and demo data, serve http://127.0.0.1:8000
#   make test   the whole suite (SQLite; also PostgreSQL when CI=true)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install setup demo lock lint bench-data bench screenshots backup restore

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip==26.3"

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

setup: install
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py collectstatic --no-input -v0

run: setup
	$(BIN)/python manage.py load_demo
	@echo "Tejido en http://$(HOST):$(PORT)/  (Ctrl+C para detener)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/python scripts/run_tests.py

# Backups (docs/deploy.md): the database and the uploaded files in var/backups/tejido-<time>.tar.
backup: install
	$(BIN)/python manage.py backup

restore: install
	@test -n "$(ARCHIVE)" || (echo "Uso: make restore ARCHIVE=var/backups/tejido-....tar" && exit 2)
	$(BIN)/python manage.py restore "$(ARCHIVE)" --yes

lint: install
	$(BIN)/ruff check .

# The lock file pins the whole dependency tree; regenerate after changing pyproject.toml.
lock: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	$(BIN)/pip freeze --exclude-editable | grep -v '^tejido' > requirements.lock

# Large generated data set and benchmarks (PostgreSQL): see bench/README.md. Never the demo database.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/tejido_bench
bench-data: install
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py migrate --no-input -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py generate_people --people 1000000

bench: install
	$(BIN)/python bench/run_all.py
