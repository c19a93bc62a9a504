"""Production: everything secret or host-specific comes from the environment, with no default.

Without DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS or DATABASE_URL the process stops at start-up with one
line naming what is missing (``manage.py``, gunicorn and the WSGI module alike).
"""

import os

from .base import *  # noqa: F403
from .base import MIDDLEWARE, REDIS_URL, STORAGES
from .env import env_bool, env_int, env_list, env_str

REQUIRED_VARIABLES = ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL")
_missing = [name for name in REQUIRED_VARIABLES if not os.environ.get(name, "").strip()]
if _missing:
    raise SystemExit(
        f"Refusing to start with production settings: {', '.join(_missing)} "
        f"{'is' if len(_missing) == 1 else 'are'} not set in the environment (see .env.example)."
    )

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", required=True)

# HTTPS: the site sits behind a proxy or load balancer that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Load balancers probe the health endpoints over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Secure cookies need HTTPS; `make serve` turns them off to run on http://127.0.0.1 only.
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the admin's JavaScript reads it
X_FRAME_OPTIONS = "DENY"

# Static files: WhiteNoise serves them from STATIC_ROOT (run collectstatic) with compressed, hashed names
# that are cached for a year; media (uploaded images, report PDFs) is served by the web server or object
# storage, never by Django (README "Production").
MIDDLEWARE = [
    *MIDDLEWARE[:1],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
STORAGES = {
    **STORAGES,  # uploads: the disk, or object storage with SOS_S3_BUCKET (base.py)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600  # files without a hash in their name; hashed ones get a year and "immutable"

# The public page cache: only with a shared cache (Redis), so a purge reaches every process.
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 600 if REDIS_URL else 0)

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
