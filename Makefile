# Vaksam: `make run` to try it, `make test` to check it. `make help` lists every target.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
# One .venv, two stamps: `make run` installs what the app needs to run; the test, lint and
# mutation targets add the dev extra (pytest, Playwright, ruff, mutmut, locust: most of the size).
RUNTIME_STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev
# The OpenID Connect provider the sign-in tests run (Node.js); also for trying SSO locally.
OIDC_PROVIDER := tests/identity/oidc_provider
OIDC_PORT ?= 9000
# The W3C's Nu Html Checker (vnu.jar, run with Java) for tests/browser/test_html_validity.py.
HTML_CHECKER := tests/browser/html_checker

.PHONY: help run test test-clocks mutation bench lint format install setup migrate seed check clean sso-provider \
	prod-local prod-local-stop loadtest loadtest-smoke faultdrills messages messages-check lighthouse test-sqlite

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Vaksam needs Python 3.11 or newer; found " + sys.version.split()[0])'
	@echo "==> Creating the virtual environment $(VENV)"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip

# setuptools says "Editable installation. Please be careful with folders ..." on every editable
# install, whatever the mode: that one notice is left out; its deprecation warnings are not.
PIP_INSTALL := PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet

# Reinstall only when the dependencies change. The dev extra includes the runtime ones.
$(RUNTIME_STAMP): pyproject.toml | $(BIN)/python
	@echo "==> Installing the dependencies into $(VENV) (a minute or two the first time)"
	@$(PIP_INSTALL) -e .
	@touch $(RUNTIME_STAMP)

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	@echo "==> Installing the dependencies and the test tools into $(VENV) (a few minutes the first time)"
	@$(PIP_INSTALL) -e ".[dev]"
	@touch $(DEV_STAMP) $(RUNTIME_STAMP)

install: $(RUNTIME_STAMP) ## Create .venv with what the app needs to run (no test tools)

setup: $(DEV_STAMP) ## Create .venv with the app's dependencies and the test and lint tools
	@# Where npm exists, (re)install the test provider and the HTML checker when a lock file changed.
	@for package in $(OIDC_PROVIDER) $(HTML_CHECKER); do \
		if command -v npm >/dev/null 2>&1 && { [ ! -d $$package/node_modules ] || \
			[ $$package/package-lock.json -nt $$package/node_modules ]; }; then \
			npm ci --prefix $$package --no-audit --no-fund --loglevel=error || exit 1; \
		fi; \
	done

migrate: install ## Apply database migrations
	@echo "==> Applying database migrations"
	@$(BIN)/python manage.py migrate --no-input -v 0

seed: migrate ## Load the demo organisation, people and course (idempotent); prints the logins
	@echo "==> Loading the demo organisation, people and course"
	@$(BIN)/python manage.py seed_demo $(SEED_OPTIONS)

# `make run` prints the logins last, once the server answers, instead of after the seed.
run: SEED_OPTIONS = --verbosity 0
run: seed ## Install, migrate, load the demo and serve http://127.0.0.1:8000; ends with the demo logins
	@$(BIN)/python -c 'import socket, sys; busy = socket.socket().connect_ex(("$(HOST)", $(PORT))) == 0; \
	  sys.exit("Port $(PORT) on $(HOST) is already in use (another `make run`?). Stop that process, or pick another port: make run PORT=8001" if busy else 0)'
	@echo "==> Starting the web server and the background worker"
	@# A background worker for queued tasks (large certificate ZIPs), stopped with the server;
	@# and, once the server answers, its address and the demo logins.
	@$(BIN)/python manage.py db_worker --interval 2 & worker=$$!; \
	  { $(BIN)/python -c 'import socket, sys, time; \
	      sys.exit(0 if any(socket.socket().connect_ex(("$(HOST)", $(PORT))) == 0 or time.sleep(0.5) for _ in range(240)) else 1)' \
	    && $(BIN)/python manage.py demo_logins --url http://$(HOST):$(PORT)/; } & announcer=$$!; \
	  trap 'kill $$worker $$announcer 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

sso-provider: setup ## Run the test OpenID Connect provider on 127.0.0.1:9000 to try SSO with `make run`
	@command -v node >/dev/null 2>&1 || { echo "Node.js 20 or newer is needed: apt-get install nodejs npm"; exit 1; }
	@echo "Then, in another terminal:"
	@echo "  OIDC_ISSUER=http://127.0.0.1:$(OIDC_PORT) OIDC_CLIENT_ID=vaksam-local OIDC_CLIENT_SECRET=vaksam-local-secret make run"
	@echo "and open http://$(HOST):$(PORT)/konto/logga-in/ (that host exactly). At the provider, type a"
	@echo "demo e-mail as login (d1001@vaksamby.example); any password works."
	PORT=$(OIDC_PORT) OIDC_CLIENT_ID=vaksam-local OIDC_CLIENT_SECRET=vaksam-local-secret \
		OIDC_REDIRECT_URIS=http://$(HOST):$(PORT)/oidc/callback/ \
		OIDC_POST_LOGOUT_REDIRECT_URIS=http://$(HOST):$(PORT)/ \
		node $(OIDC_PROVIDER)/server.js

CHROMIUM ?= $(or $(VAKSAM_CHROMIUM),/usr/bin/chromium)

# pytest-xdist: one worker per core; TEST_WORKERS=0 runs in this process (for pdb).
TEST_WORKERS ?= auto

test: setup ## Run the whole test suite on the machine's cores (browser tests too when Chromium is installed)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --ignore=tests/browser
	@# Browser tests get their own database: live_server flushes it after every test.
	@if [ -n "$$CI" ] || [ -x "$(CHROMIUM)" ] || command -v chromium >/dev/null; then \
		$(BIN)/python -m pytest -n $(TEST_WORKERS) tests/browser --create-db; \
	else \
		echo "Browser tests skipped: no Chromium at $(CHROMIUM). Install it (apt-get install chromium) or set VAKSAM_CHROMIUM."; \
	fi

# What differs between SQLite (`make run`, development) and PostgreSQL (production, CI's full
# run): the follow-up's figures (the dataset and the access log branch on the database, and
# Django computes months, tertials and local days with its own functions on SQLite), searches
# (SQLite's LIKE folds only ASCII case), the data protection pages, dates, and the demo that
# `make run` seeds.
SQLITE_TESTS ?= tests/reports tests/people tests/privacy tests/courses/test_seed_demo.py \
	tests/vaksam/test_date_formats.py

test-sqlite: setup ## On SQLite, the tests of what differs from PostgreSQL (CI runs everything on PostgreSQL)
	env -u DATABASE_URL $(BIN)/python -m pytest -n $(TEST_WORKERS) $(SQLITE_TESTS)

# Swedish local times just after and just before midnight, in winter (CET) and summer (CEST).
CLOCKS ?= 2027-01-15T00:30 2027-01-15T23:30 2026-07-15T00:30 2026-07-15T23:30

test-clocks: setup ## Run the suite (not the browser tests) under each frozen clock in CLOCKS
	@set -e; for clock in $(CLOCKS); do \
		echo "== VAKSAM_FROZEN_CLOCK=$$clock"; \
		VAKSAM_FROZEN_CLOCK=$$clock $(BIN)/python -m pytest -q -p no:cacheprovider --ignore=tests/browser; \
	done

# mutmut runs the tests once per mutant: the test database is migrated once, into a file,
# and used as it is (VAKSAM_TEST_DB_READY, see tests/conftest.py). The groups and their
# functions and tests are in tests/mutation_run.py; `make mutation GROUPS=booking` runs one.
MUTATION_DB := $(CURDIR)/var/mutation-tests.sqlite3
GROUPS ?= compliance booking quiz completion reminders import scim certificates scope exports \
	anonymity signin retention

mutation: setup ## Mutation testing of the core modules, GROUPS at a time: score and survivors (slow; not in `make test` or CI)
	@mkdir -p var && rm -rf mutants $(MUTATION_DB)
	env -u DATABASE_URL DJANGO_SETTINGS_MODULE=vaksam.settings.test \
		DATABASE_URL=sqlite:///$(MUTATION_DB) $(BIN)/python manage.py migrate --no-input -v 0
	env -u DATABASE_URL VAKSAM_TEST_DB=$(MUTATION_DB) VAKSAM_TEST_DB_READY=1 \
		$(BIN)/python tests/mutation_run.py $(GROUPS)
	$(BIN)/python tests/mutation_report.py $(GROUPS)

bench: setup ## Run the benchmarks in bench/ and print their results as JSON
	$(BIN)/python bench/certificates.py
	$(BIN)/python bench/import.py
	$(BIN)/python bench/dashboard.py
	$(BIN)/python bench/scim.py
	$(BIN)/python bench/retention.py
	$(BIN)/python bench/access_log.py
	$(BIN)/python bench/request_cost.py
	$(BIN)/python bench/health.py
	$(BIN)/python bench/exports.py

# Lighthouse is large: installed on demand into its own folder, never by `make setup` or CI.
LIGHTHOUSE_DIR := tools/lighthouse

lighthouse: install ## Lighthouse's scores for five pages, phone and desktop, app served as in production (not in CI)
	@command -v npm >/dev/null 2>&1 || { echo "Node.js 20 or newer is needed: apt-get install nodejs npm"; exit 1; }
	@if [ ! -d $(LIGHTHOUSE_DIR)/node_modules ] || [ $(LIGHTHOUSE_DIR)/package-lock.json -nt $(LIGHTHOUSE_DIR)/node_modules ]; then \
		npm ci --prefix $(LIGHTHOUSE_DIR) --no-audit --no-fund --loglevel=error; \
	fi
	VAKSAM_CHROMIUM=$(CHROMIUM) $(BIN)/python $(LIGHTHOUSE_DIR)/run.py

lint: setup ## Check style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup ## Fix style with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django system checks and the missing-migration check
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# The translation catalogues in locale/ (vaksam/catalogues.py; needs gettext). Swedish is the
# source language: its catalogue is the identity. The .mo files are committed.
messages: install ## Update locale/ from the code (makemessages sv and en), fill Swedish, compile
	$(BIN)/python -m vaksam.catalogues

messages-check: install ## Fail when locale/ is stale, English has untranslated or fuzzy entries, or a .mo is not its .po
	$(BIN)/python -m vaksam.catalogues --check

# The production stack on this machine (deploy/prod_local.py): nginx with TLS on PROD_PORT, two
# gunicorn instances, two workers, the scheduler, PostgreSQL database PROD_LOCAL_DB, own Redis.
PROD_PORT ?= 8080
REDIS_PORT ?= 6390
USERS ?= 300
SPAWN_RATE ?= 2
DURATION ?= 300
DRILLS ?= 0
LOADTEST = PORT=$(PROD_PORT) REDIS_PORT=$(REDIS_PORT) $(BIN)/python deploy/loadtest/run.py

prod-local: install ## Production stack on this machine, without containers: https://localhost:8080 (Ctrl-C stops it)
	PORT=$(PROD_PORT) REDIS_PORT=$(REDIS_PORT) $(BIN)/python deploy/prod_local.py

prod-local-stop: install ## Stop a prod-local running in another terminal or in the background
	PORT=$(PROD_PORT) REDIS_PORT=$(REDIS_PORT) $(BIN)/python deploy/prod_local.py --stop

loadtest: setup ## Locust against prod-local (USERS, SPAWN_RATE, DURATION s, DRILLS=1); JSON summary last
	$(LOADTEST) --users $(USERS) --spawn-rate $(SPAWN_RATE) --duration $(DURATION) $(if $(filter 1,$(DRILLS)),--drills)

faultdrills: setup ## The load test with the fault drills (an app server, a worker, the DB connections, Redis)
	$(LOADTEST) --users $(USERS) --spawn-rate $(SPAWN_RATE) --duration $(DURATION) --drills

loadtest-smoke: setup ## Under a minute: prod-local and 20 users for 20 s, data checks included (for CI)
	$(LOADTEST) --users 20 --spawn-rate 10 --duration 20 --learners 40 --employees 200 --certificates 50

clean: ## Remove the virtual environment and the local database
	rm -rf $(VENV) var .pytest_cache .ruff_cache
