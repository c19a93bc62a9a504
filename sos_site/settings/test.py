"""Tests: fast password hashing, in-memory cache and mail, media in a temporary folder, tasks run at once."""

import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="sos-test-media-")
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests that log in with force_login need no second factor; tests/staff/ turn enforcement on.
SOS_TWO_FACTOR_REQUIRED = False
# Tasks run eagerly, inside the call that enqueues them; tests of the queue itself switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
