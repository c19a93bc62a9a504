# Two commands matter: `make run` and `make test`. Both work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# One stamp per installed set, named after a checksum of its requirement files (a changed file reinstalls):
# RUN_STAMP for the runtime packages (`make run`, `make serve`), STAMP for those plus the test and dev tools.
RUN_STAMP := $(VENV)/.installed-run-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
UV := $(VENV)/bin/uv
UV_PIN := $(or $(shell grep -m1 '^uv==' requirements-dev.txt),uv)
HOST ?= 127.0.0.1
PORT ?= 8000

AXE := tests/browser/node_modules/axe-core/axe.min.js
VNU := tests/html/node_modules/vnu-jar/build/dist/vnu.jar
LIGHTHOUSE := tests/lighthouse/node_modules/lighthouse/cli/index.js
# Apps that keep their own translation catalogue in <app>/locale/.
SECTION_APPS := advocacy offices donations safeguarding news staff

.PHONY: run test lint format check check-messages migrate messages makemessages demo superuser clean serve bench wrk browser-deps html-deps screenshots lighthouse cluster-check backup restore restore-drill

# Packages are installed by uv (pinned in requirements-dev.txt, itself installed with pip into the venv), which
# takes seconds where pip takes a minute; when uv cannot be installed, pip does the work.
define install
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	test -x $(UV) || $(PY) -m pip install --quiet --disable-pip-version-check "$(UV_PIN)" \
		|| echo "uv could not be installed: installing with pip"
	if [ -x $(UV) ]; then $(UV) pip install --quiet --python $(PY) $(1); \
	else $(PY) -m pip install --quiet --disable-pip-version-check $(1); fi
endef

$(RUN_STAMP): requirements.txt
	$(call install,-r requirements.txt)
	rm -f $(VENV)/.installed-run-*
	touch $(RUN_STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	$(call install,-r requirements-dev.txt)
	rm -f $(VENV)/.installed-*
	touch $(STAMP) $(RUN_STAMP)

venv: $(STAMP)

messages: $(RUN_STAMP)
	$(MANAGE) compile_translations

migrate: $(RUN_STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) update_translation_fields
	$(MANAGE) set_translation_url_paths

demo: migrate
	$(MANAGE) load_demo_content

superuser: $(RUN_STAMP)
	$(MANAGE) create_dev_superuser

## Install, build translations, migrate, load the demo site once, create the dev superuser (all in one process:
## manage.py dev_setup), serve with a task worker alongside (scripts/with-worker: one Ctrl-C stops both).
run: $(RUN_STAMP)
	$(MANAGE) dev_setup --messages
	scripts/with-worker $(MANAGE) db_worker -- $(MANAGE) runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## GNU msgfmt --check on every catalogue (plural forms, format strings); CI must have gettext.
check-messages:
	@if command -v msgfmt >/dev/null 2>&1; then \
		for po in $$(find . -path ./.venv -prune -o -path '*/node_modules' -prune -o -name '*.po' -print); do \
			msgfmt --check -o /dev/null "$$po" 2>&1 | grep -v 'initial default value' | grep . && exit 1; done; true; \
	elif [ "$$CI" = true ]; then echo "msgfmt not found (apt-get install gettext)"; exit 1; \
	else echo "msgfmt not found: catalogue check skipped (apt-get install gettext)"; fi

## Django's system checks and makemigrations --check in one process: makemigrations runs the system checks first
## (as every management command does) and fails on an error as `manage.py check` would.
check: $(STAMP)
	DJANGO_SETTINGS_MODULE=sos_site.settings.test $(MANAGE) makemigrations --check --dry-run

## axe-core for the accessibility tests, pinned in tests/browser/package.json (skipped without npm).
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: browser accessibility tests will be skipped"; fi

browser-deps: $(AXE)

## The W3C Nu Html Checker for tests/pages/test_html_validity.py, pinned in tests/html/package.json (needs Java).
$(VNU): tests/html/package.json tests/html/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix tests/html --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the HTML validity test will be skipped"; fi

html-deps: $(VNU)

## Lint, migrations check, the whole test suite (browser tests included when Chromium is present), on one
## pytest-xdist worker per core; `--dist load` keeps the order of tests/conftest.py (browser tests first,
## transactional tests last) on each worker. The four short steps before it run two at a time.
PYTEST_WORKERS ?= auto
test: $(STAMP) browser-deps html-deps
	$(MAKE) --no-print-directory -j2 messages check-messages lint check
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist load $(PYTEST_ARGS)

## Regenerate the .po files after changing translatable strings (needs GNU gettext).
makemessages: $(STAMP)
	$(MANAGE) makemessages -l ru -l ky -l en --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench --ignore=scripts $(foreach app,$(SECTION_APPS),--ignore=$(app))
	for app in $(SECTION_APPS); do (cd $$app && ../$(PY) ../manage.py makemessages -l ru -l ky -l en); done

## PNGs of every page type in ru/ky/en on a phone and a desktop, in screenshots/ (git-ignored).
screenshots: messages browser-deps
	SCREENSHOTS_DIR=$(CURDIR)/screenshots $(PY) -m pytest tests/browser/test_screenshots.py -q
	@echo "Screenshots are in screenshots/"

## The admin screenshots of the editors' guide (docs/editors.md), regenerated into docs/images/ (committed).
.PHONY: docs-screenshots
docs-screenshots: messages browser-deps
	EDITOR_GUIDE_SCREENSHOTS=$(CURDIR)/docs/images $(PY) -m pytest tests/browser/test_editor_guide.py tests/browser/test_translation_editor.py -q

clean:
	rm -rf $(VENV) db.sqlite3 media static_collected
	find . -name '*.mo' -not -path './.venv/*' -delete

# The production settings on this machine, over plain HTTP on 127.0.0.1: a throwaway secret unless one is
# set, the development database unless DATABASE_URL is set, no HTTPS redirect, HSTS or secure-only cookies.
SERVE_ENV = DJANGO_SETTINGS_MODULE=sos_site.settings.production \
	DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	DATABASE_URL="$${DATABASE_URL:-sqlite:///$(CURDIR)/db.sqlite3}" \
	DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_HSTS_SECONDS=0 DJANGO_SECURE_COOKIES=0

## The production stack locally: gunicorn + WhiteNoise with production settings on $(HOST):$(PORT) and a task
## worker (README "Production"); one Ctrl-C stops both.
serve: messages migrate
	$(MANAGE) load_demo_content --if-empty
	$(SERVE_ENV) $(MANAGE) collectstatic --noinput -v 0
	$(SERVE_ENV) GUNICORN_BIND=$(HOST):$(PORT) scripts/with-worker $(MANAGE) db_worker -- $(VENV)/bin/gunicorn -c gunicorn.conf.py

wrk:
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }; \
		else echo "make bench needs wrk: sudo apt-get install wrk"; exit 1; fi; }
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y -q nginx >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q nginx >/dev/null; }; \
		else echo "make bench compares cached pages with nginx: sudo apt-get install nginx (or BENCH_NGINX=0)"; fi; }

## Load-test the production stack on 127.0.0.1 and print a table; a benchmark, it asserts nothing (README "Benchmark").
## With BASELINE=<git ref>: that commit and the working tree side by side, uncached, with ratios (bench/compare.py).
bench: messages wrk
	$(if $(BASELINE),$(PY) bench/compare.py $(BASELINE),$(PY) bench/run.py)

## Lighthouse 12.2.3 (pinned in tests/lighthouse/package.json) with Debian's Chromium on every public page type in
## ru/ky/en against gunicorn with the production settings on a throwaway demo site; prints a table and fails when a
## score is under target (README "Benchmark").
$(LIGHTHOUSE): tests/lighthouse/package.json tests/lighthouse/package-lock.json
	npm ci --prefix tests/lighthouse --no-audit --no-fund --loglevel=error && touch $@

lighthouse: messages $(LIGHTHOUSE)
	CHROME_PATH="$${CHROME_PATH:-/usr/bin/chromium}" $(PY) tests/lighthouse/run.py

## Two gunicorn app servers, PostgreSQL, Redis, the local S3 server and Varnish balancing both, with the scale-out
## scenario; prints a report, exits 1 on any failure, stops and removes what it started (README "Scaling out").
cluster-check: $(STAMP) messages
	@command -v varnishd >/dev/null || [ -x /usr/sbin/varnishd ] || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q varnish >/dev/null; \
		else echo "make cluster-check needs Varnish: sudo apt-get install varnish"; exit 1; fi; }
	scripts/cluster-check

## Back up the database and every uploaded file (disk or S3) into BACKUP_DIR as one checked archive; safe from cron
## while the site serves (README "Operations"). Uses the environment's DATABASE_URL and storage settings.
BACKUP_DIR ?= backups
backup: $(STAMP)
	$(MANAGE) backup_site $(BACKUP_DIR)

## Replace the database and uploads by ARCHIVE (asks first), then check every table and file against it.
restore: $(STAMP)
	@test -n "$(ARCHIVE)" || { echo "usage: make restore ARCHIVE=backups/sos-backup-YYYYMMDD-HHMMSS.tar"; exit 2; }
	$(MANAGE) restore_site "$(ARCHIVE)"

## Back up a demo site, restore it into an empty throwaway database and prove nothing was lost (CI runs it on
## PostgreSQL: set DATABASE_URL to a server where it may create and drop <name>_drill_* databases).
restore-drill: $(STAMP)
	scripts/restore-drill
