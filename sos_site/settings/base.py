"""Settings shared by every environment. Environment variables are read through env.py only."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from sos_site.storage import s3_storages

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # wagtail_modeltranslation must come before every app holding a translation.py.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "pages",
    "advocacy",
    "offices",
    "donations",
    "safeguarding",
    "news",
    "staff",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy (sos_site/middleware.py); production.py adds WhiteNoise above it.
    "sos_site.middleware.SecurityHeadersMiddleware",
    # gzip for clients that accept it, above the page cache: the cache stores one uncompressed copy per URL
    # and every text response, hit or miss, is compressed on its way out with Django's random-length
    # padding against BREACH (sos_site/middleware.py, README "Production").
    "sos_site.middleware.TextGZipMiddleware",
    # Cache-Control for a CDN / reverse proxy: "public, s-maxage" on what the page cache may store, "private" on
    # the rest, when SOS_FRONTEND_CACHE_URL is set (pages/frontend_cache.py, README "Scaling out").
    "pages.frontend_cache.SharedCacheControlMiddleware",
    # Anonymous public pages from the shared cache when PAGE_CACHE_SECONDS > 0 (pages/cache_middleware.py).
    "pages.cache_middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The request's site and Wagtail page route from the per-process render cache (pages/routing.py).
    "pages.routing.SharedLookupsMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Django's CSRF check; the cached public forms (donate, report a concern) are checked by origin and their
    # signed one-time token instead of a cookie (pages/cached_forms.py).
    "pages.cached_forms.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Staff sessions end after STAFF_SESSION_IDLE_SECONDS without a request; request.user.is_verified()
    # (django-otp); an admin user who owes a second factor is sent to verify or enrol (staff/).
    "staff.middleware.StaffSessionMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "staff.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns a locked-out sign-in or password reset into the form with a "try again at …" message (staff/).
    "axes.middleware.AxesMiddleware",
    # Last, so it sees a view's exception first: a database or cache outage becomes a translated 503.
    "sos_site.middleware.OutageMiddleware",
]
# Django's W003 wants its CSRF middleware by exact name; ours is its subclass, checked by pages.checks (pages.E001).
SILENCED_SYSTEM_CHECKS = ["security.W003"]

ROOT_URLCONF = "sos_site.urls"
CSRF_FAILURE_VIEW = "pages.views.csrf_failure"
WSGI_APPLICATION = "sos_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# DATABASE_URL absent: a SQLite file in the project folder.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One writer at a time, waiting its turn: a transaction takes SQLite's write lock when it begins, not when
    # it first writes, so two writers (an editor's autosave and their "Publish" click) queue for up to 20 s
    # instead of one failing at once with "database is locked" (the upgrade from a read lock cannot wait).
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
# DATABASE_REPLICA_URL set: public page reads of anonymous visitors go to this read replica, everything else
# (admin, pledges, reports, sessions, any write and what follows it) to DATABASE_URL (sos_site/db_router.py).
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60, conn_health_checks=True),
        "TEST": {"MIRROR": "default"},  # a test run has one database; the router's tests copy it (tests/storage/)
    }
    DATABASE_ROUTERS = ["sos_site.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(0, "sos_site.db_router.ReplicaMiddleware")  # marks which requests are public reads
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out sign-in before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Russian first (the default), Kyrgyz, English.
LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("ru", "Русский"),
    ("ky", "Кыргызча"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Bishkek"

MODELTRANSLATION_DEFAULT_LANGUAGE = "ru"
# When a field is empty in the requested language: ky → ru → en, en → ru, ru → ky.
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("ru",),
    "ky": ("ru", "en"),
    "en": ("ru",),
    "ru": ("ky",),
}
# Editors see "Заголовок (Кыргызча)" rather than "Заголовок [ky]".
LANGUAGE_OWN_NAMES = dict(LANGUAGES)
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = lambda verbose_name, lang: (  # noqa: E731
    f"{verbose_name} ({LANGUAGE_OWN_NAMES.get(lang, lang)})"
)
# wagtail-modeltranslation's own locale picker finds fields by a " [ky]" label suffix, which the labels
# above no longer have, and its bar never appears in Wagtail 7: the editors' language switch
# (pages/translation_editor.py) replaces it.
WAGTAILMODELTRANSLATION_LOCALE_PICKER = False
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "static_collected"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media"))
# Let Django serve uploads without DEBUG (browser tests); production leaves this to the web server.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads on S3-compatible object storage (django-storages) when SOS_S3_BUCKET is set: originals and documents
# private, renditions public on SOS_S3_CUSTOM_DOMAIN; nothing is written to MEDIA_ROOT (sos_site/storage.py).
S3_BUCKET = env_str("SOS_S3_BUCKET")
if S3_BUCKET:
    STORAGES.update(
        s3_storages(
            S3_BUCKET,
            endpoint_url=env_str("SOS_S3_ENDPOINT_URL"),
            custom_domain=env_str("SOS_S3_CUSTOM_DOMAIN"),
            region=env_str("SOS_S3_REGION"),
            access_key=env_str("AWS_ACCESS_KEY_ID"),
            secret_key=env_str("AWS_SECRET_ACCESS_KEY"),
        )
    )
WAGTAILIMAGES_RENDITION_STORAGE = "sos_site.storage.RenditionStorage"
# Documents are always streamed by /documents/ after Wagtail's privacy checks, never redirected to the storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Translated, so the admin names the organisation in the admin's language (Russian or English).
WAGTAIL_SITE_NAME = _("SOS Children's Villages Kyrgyzstan")
# Filters offer "Все" / "All" rather than "---------" for "no choice" (django-filter, used by the admin lists).
FILTERS_EMPTY_CHOICE_LABEL = _("All")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "pages.SiteImage"
# Alt text labelled as such, consent fields that explain themselves, uploads that are never lost.
WAGTAILIMAGES_IMAGE_FORM_BASE = "pages.image_forms.SiteImageForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "txt", "csv"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ru", "Русский"), ("en", "English")]
# The admin must not call out to the internet.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Redirects on slug change and move are made per language by pages/redirects.py (Wagtail's cover one language).
WAGTAILREDIRECTS_AUTO_CREATE = False

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "SOS Children's Villages Kyrgyzstan <noreply@localhost>")
# Seconds before a silent mail server is given up on (the pledge stays; the e-mail is retried later).
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 10)

# Background work (e-mails, image renditions, the site search index): a request stores a task in the database
# and a worker (`manage.py db_worker`, started by `make run` and `make serve`) runs it. A failed task of ours is
# tried again after TASKS_RETRY_DELAY seconds, doubling each time up to TASKS_RETRY_MAX_DELAY, until it has run
# TASKS_MAX_ATTEMPTS times (pages/tasks.py); staff see failed and waiting tasks in the admin (Reports).
# DJANGO_TASKS_IMMEDIATE=1 runs every task inside the request instead (a plain runserver without a worker).
if env_bool("DJANGO_TASKS_IMMEDIATE", False):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
TASKS_MAX_ATTEMPTS = env_int("DJANGO_TASKS_MAX_ATTEMPTS", 10)
TASKS_RETRY_DELAY = env_int("DJANGO_TASKS_RETRY_DELAY", 60)
TASKS_RETRY_MAX_DELAY = env_int("DJANGO_TASKS_RETRY_MAX_DELAY", 6 * 3600)

# Donations: abuse limits of the pledge form and retries of its confirmation e-mail.
DONATIONS_PLEDGE_RATE_LIMIT = env_int("DONATIONS_PLEDGE_RATE_LIMIT", 20)  # pledge forms sent per IP…
DONATIONS_PLEDGE_RATE_WINDOW = env_int("DONATIONS_PLEDGE_RATE_WINDOW", 3600)  # …per this many seconds
DONATIONS_MIN_FILL_SECONDS = env_int("DONATIONS_MIN_FILL_SECONDS", 3)  # faster than this is a robot
DONATIONS_FORM_MAX_AGE = 24 * 3600  # a displayed form's one-time key is valid this long
DONATIONS_EMAIL_MAX_ATTEMPTS = TASKS_MAX_ATTEMPTS  # then the e-mail is marked failed and shown in the admin
DONATIONS_TRUSTED_PROXY_COUNT = env_int("DONATIONS_TRUSTED_PROXY_COUNT", 0)  # proxies adding X-Forwarded-For
# Reverse proxies in front of the app that append X-Forwarded-For: pages.abuse.client_ip reads it for the
# pledge and concern-report limits and the login lockout. The older DONATIONS_ name still works.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", DONATIONS_TRUSTED_PROXY_COUNT)

# Staff accounts (staff/, README "Security").
# Login lockout (django-axes, database handler: shared by every process and server, works without Redis).
# After AXES_FAILURE_LIMIT wrong passwords for one username, or from one address, the next attempt is refused
# for AXES_COOLOFF_TIME; every attempt during the lockout starts the wait again.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "pages.abuse.client_ip"
AXES_LOCKOUT_CALLABLE = "staff.lockout.lockout_response"
# Failures are forgotten AXES_COOLOFF_TIME after the last one, not on a successful sign-in: a success would
# also wipe the address's count, letting anyone with one account reset it between guesses at another.
AXES_RESET_ON_SUCCESS = False
AXES_ENABLE_ADMIN = False  # no django.contrib.admin here: lockouts are listed in Wagtail's admin (staff/)
AXES_VERBOSE = False
WAGTAILADMIN_USER_LOGIN_FORM = "staff.forms.LoginForm"
# Two-factor authentication (django-otp): required for superusers and these groups when
# SOS_TWO_FACTOR_REQUIRED is on (production; off by default in development); anyone else may enrol.
SOS_TWO_FACTOR_REQUIRED = env_bool("DJANGO_TWO_FACTOR_REQUIRED", True)
SOS_TWO_FACTOR_GROUPS = ("Fundraising", "Safeguarding", "Moderators")
SOS_TWO_FACTOR_BACKUP_CODES = 10
OTP_TOTP_ISSUER = "SOS Kyrgyzstan"
# A staff session ends after this many seconds without a request (a working day); the cookie lasts as long.
STAFF_SESSION_IDLE_SECONDS = env_int("DJANGO_STAFF_SESSION_IDLE_SECONDS", 8 * 3600)
SESSION_COOKIE_AGE = STAFF_SESSION_IDLE_SECONDS

# Redis when REDIS_URL is set (shared by every process and server), else local memory (one process only).
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis, ignoring connection errors: when Redis is unreachable reads miss, writes are
            # dropped and the site carries on uncached (the cache only ever holds copies). /readyz still
            # reports the outage; the "sos_site.cache" logger says so once a minute (LOGGING below).
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("DJANGO_CACHE_KEY_PREFIX", "sos"),
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    # Sessions in the database, read through Redis: shared by every app server, durable across restarts.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Seconds a rendered public page stays in the cache; 0 turns the page cache off (production.py turns it on
# when Redis is configured).
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 0)

# A CDN or caching reverse proxy (Varnish: deploy/varnish/) in front of the app servers, purged on publish
# (pages/frontend_cache.py, README "Scaling out"): SOS_FRONTEND_CACHE_URL lists the proxies' own addresses
# (comma-separated), where PURGE and BAN requests go; public pages then say "s-maxage=FRONTEND_CACHE_SECONDS".
FRONTEND_CACHE_URLS = env_list("SOS_FRONTEND_CACHE_URL")
FRONTEND_CACHE_SECONDS = env_int("SOS_FRONTEND_CACHE_SECONDS", 3600 if FRONTEND_CACHE_URLS else 0)
WAGTAILFRONTENDCACHE = {
    f"proxy{number}": {
        "BACKEND": "pages.frontend_cache.VarnishBackend",
        "LOCATION": url,
        "TIMEOUT": env_int("SOS_FRONTEND_CACHE_TIMEOUT", 2),
    }
    for number, url in enumerate(FRONTEND_CACHE_URLS, start=1)
}

# django-redis logs each error it ignores to this logger; the filter keeps one warning a minute.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "sos_site.cache"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "once_a_minute": {
            "()": "sos_site.log_filters.OncePerInterval",
            "seconds": 60,
            "message": "Redis cache unavailable; serving without cache",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Background-task and page-action chatter stays out of the console unless asked for.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
        "sos_site.cache": {"level": "WARNING", "filters": ["once_a_minute"]},
    },
}

# Labels used in templates for the language switcher: short, in each language's own script.
LANGUAGE_SHORT_LABELS = {"ru": "РУ", "ky": "КЫР", "en": "EN"}
LANGUAGE_NAMES_LAZY = {"ru": _("Russian"), "ky": _("Kyrgyz"), "en": _("English")}
