# Two commands matter: `make run` and `make test`. Both work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

AXE := tests/browser/node_modules/axe-core/axe.min.js

.PHONY: run test lint format check migrate messages makemessages demo superuser clean browser-deps screenshots

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

venv: $(STAMP)

messages: $(STAMP)
	$(MANAGE) compile_translations

migrate: $(STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) update_translation_fields
	$(MANAGE) set_translation_url_paths

demo: migrate
	$(MANAGE) load_demo_content

superuser: $(STAMP)
	$(MANAGE) create_dev_superuser

## Install, build translations, migrate, load the demo site once, create the dev superuser, serve.
run: messages migrate
	$(MANAGE) load_demo_content --if-empty
	$(MANAGE) create_dev_superuser
	$(MANAGE) runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: $(STAMP)
	DJANGO_SETTINGS_MODULE=sos_site.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=sos_site.settings.test $(MANAGE) makemigrations --check --dry-run

## axe-core for the accessibility tests, pinned in tests/browser/package.json (skipped without npm).
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: browser accessibility tests will be skipped"; fi

browser-deps: $(AXE)

## Lint, migrations check, the whole test suite (browser tests included when Chromium is present).
test: messages lint check browser-deps
	$(PY) -m pytest $(PYTEST_ARGS)

## Regenerate the .po files after changing translatable strings (needs GNU gettext).
makemessages: $(STAMP)
	$(MANAGE) makemessages -l ru -l ky -l en --ignore=.venv --ignore=node_modules --ignore=tests --ignore=advocacy --ignore=offices --ignore=donations
	for app in advocacy offices donations; do (cd $$app && ../$(MANAGE) makemessages -l ru -l ky -l en); done

clean:
	rm -rf $(VENV) db.sqlite3 media static_collected
	find . -name '*.mo' -not -path './.venv/*' -delete
