"""Production settings: refuse to start without the essentials, and pass `check --deploy` cleanly."""

import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
REQUIRED = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
    "DJANGO_ALLOWED_HOSTS": "sos-kyrgyzstan.example.org",
    "DATABASE_URL": f"sqlite:///{tempfile.gettempdir()}/sos-production-check-{os.getpid()}.sqlite3",
}


def manage(*args, env_overrides):
    env = {key: value for key, value in os.environ.items() if key not in REQUIRED and not key.startswith("DJANGO_")}
    env.pop("REDIS_URL", None)
    env["DJANGO_SETTINGS_MODULE"] = "sos_site.settings.production"
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("missing", sorted(REQUIRED))
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {name: value for name, value in REQUIRED.items() if name != missing}
    result = manage("check", env_overrides=env)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert missing in lines[0]
    assert "Traceback" not in result.stderr


def test_production_treats_an_empty_variable_as_missing():
    result = manage("check", env_overrides={**REQUIRED, "DJANGO_SECRET_KEY": "  "})
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_check_deploy_prints_no_warning_with_a_real_secret():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=REQUIRED)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_check_deploy_is_clean_with_redis_configured_too():
    env = {**REQUIRED, "REDIS_URL": "redis://127.0.0.1:6379/0"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_without_a_csrf_middleware(settings):
    from django.core.checks import run_checks

    settings.MIDDLEWARE = [path for path in settings.MIDDLEWARE if "Csrf" not in path]
    errors = [message.id for message in run_checks(include_deployment_checks=True)]
    assert "pages.E001" in errors
