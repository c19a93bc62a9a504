"""Two-factor is required in production and off by default in development (README "Security")."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "x" * 60,
    "DJANGO_ALLOWED_HOSTS": "sos-kyrgyzstan.example.org",
    "DATABASE_URL": f"sqlite:///{tempfile.gettempdir()}/sos-staff-settings-check-{os.getpid()}.sqlite3",
}


def setting(module, name, **env_overrides):
    """The setting as a fresh process with only this environment reads it (the settings module alone is imported:
    starting the whole site, as `manage.py shell` did, changes no setting and took ten times as long)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(env_overrides, DJANGO_SETTINGS_MODULE=module)
    code = f"from django.conf import settings; print(settings.{name})"
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("module", "env", "expected"),
    [
        ("sos_site.settings.dev", {}, "False"),
        ("sos_site.settings.dev", {"DJANGO_TWO_FACTOR_REQUIRED": "1"}, "True"),
        ("sos_site.settings.production", PRODUCTION_ENV, "True"),
    ],
)
def test_two_factor_requirement_per_environment(module, env, expected):
    assert setting(module, "SOS_TWO_FACTOR_REQUIRED", **env) == expected


def test_lockout_time_comes_from_the_environment():
    assert setting("sos_site.settings.dev", "AXES_COOLOFF_TIME", DJANGO_LOGIN_LOCKOUT_MINUTES="45") == "0:45:00"
