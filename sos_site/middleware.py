"""Security headers for every response, and a clear 503 page when the database or the cache is down.

Content-Security-Policy: Django 5.2 has no CSP support of its own, so the header is written here.
Public pages allow only the site's own origin and no inline script or style (JSON-LD data blocks are not
scripts and are allowed). The Wagtail admin under ``/admin/`` needs inline scripts and styles and runs its
page previews in a same-origin frame, so it gets a looser policy of its own, only there.
"""

import gzip
import logging
import secrets
import struct
import sys
import zlib

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers

from sos_site.storage import media_origins

try:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
except ImportError:  # redis-py is only installed where REDIS_URL is used
    RedisConnectionError = RedisTimeoutError = ConnectionError

logger = logging.getLogger(__name__)

PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
    ]
)
# The admin (Wagtail 7) writes inline <script> and style attributes, shows image previews from blob: and
# data: URLs, frames its own previews, and embeds previews of oEmbed media from other sites.
ADMIN_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-src 'self' https:",
        "frame-ancestors 'self'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
    ]
)
# Wagtail's page preview runs the public templates inside the admin's own preview frame.
PREVIEW_CSP = PUBLIC_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)
ADMIN_PATH_PREFIX = "/admin/"


def with_image_origins(policy, *origins):
    """``policy`` with ``origins`` (those not None) added to its ``img-src``."""
    extra = "".join(f" {origin}" for origin in dict.fromkeys(origin for origin in origins if origin))
    return policy.replace("img-src 'self'", f"img-src 'self'{extra}", 1) if extra else policy


def content_security_policy(request):
    # Images on object storage (SOS_S3_*) come from its domain: renditions on public pages, originals too in
    # the admin (sos_site/storage.py); with media on the site's own disk nothing is added.
    renditions, originals = media_origins()
    if request.path.startswith(getattr(settings, "ADMIN_PATH_PREFIX", ADMIN_PATH_PREFIX)):
        return with_image_origins(getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", ADMIN_CSP), renditions, originals)
    if getattr(request, "is_dummy", False):  # a page preview, drawn for the admin's preview panel
        return with_image_origins(PREVIEW_CSP, renditions)
    return with_image_origins(getattr(settings, "CONTENT_SECURITY_POLICY", PUBLIC_CSP), renditions)


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy, Permissions-Policy and a Referrer-Policy to every response.

    With DEBUG on, Django's own error pages (inline styles) are left without a CSP so they stay readable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not (settings.DEBUG and response.status_code >= 400):
            response.headers.setdefault("Content-Security-Policy", content_security_policy(request))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY or "same-origin")
        return response


OUTAGE_ERRORS = (
    OperationalError,
    InterfaceError,
    RedisConnectionError,
    RedisTimeoutError,
    ConnectionError,
    TimeoutError,
)


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH padding) for text only: pages, XML, JSON, plain text.

    Document downloads (PDF, office files) are compressed formats already and stream from disk; gzipping
    them would cost CPU, drop their Content-Length and gain nothing.
    """

    COMPRESSIBLE_TYPES = ("text/", "application/xml", "application/json", "application/ld+json")

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if not content_type.startswith(self.COMPRESSIBLE_TYPES):
            return response
        deflated = getattr(response, "deflated_content", None)
        if deflated is None or response.streaming or response.content != deflated[0]:
            return super().process_response(request, response)
        return self._gzip_deflated(request, response, deflated[1])

    def _gzip_deflated(self, request, response, deflate):
        """GZipMiddleware's steps for a page whose deflate stream ``deflate()`` gives (a page cache hit, which
        keeps its page compressed): the same headers and the same random-length padding, without compressing
        the page again."""
        content = response.content
        if len(content) < 200 or response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        compressed = gzip_member(content, deflate(), self.max_random_bytes)
        if len(compressed) >= len(content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response


# The header django.utils.text.compress_string writes (gzip.compress with mtime=0), before its FNAME flag is set.
GZIP_HEADER = gzip.compress(b"", compresslevel=6, mtime=0)[:10]
GZIP_FNAME_HEADER = bytes((*GZIP_HEADER[:3], gzip.FNAME, *GZIP_HEADER[4:]))


def gzip_member(content, deflated, max_random_bytes, trailer=None):
    """A gzip file of ``content`` from its raw deflate stream, laid out as Django's ``compress_string`` does:
    a file name of random length (0 to ``max_random_bytes`` - 1 bytes) against BREACH. ``trailer``, when
    given, is ``gzip_trailer(content)`` computed before (a page that does not change)."""
    if trailer is None:
        trailer = gzip_trailer(content)
    if not max_random_bytes:
        return b"".join((GZIP_HEADER, deflated, trailer))
    filename = b"a" * secrets.randbelow(max_random_bytes) + b"\x00"
    return b"".join((GZIP_FNAME_HEADER, filename, deflated, trailer))


def gzip_trailer(content):
    """The end of a gzip file of ``content``: its CRC-32 and length."""
    return struct.pack("<LL", zlib.crc32(content), len(content) & 0xFFFFFFFF)


def is_outage(error):
    """A lost database or cache connection, as opposed to a bug (which stays a 500)."""
    return isinstance(error, OUTAGE_ERRORS)


def outage_response(request):
    """The 503 page: static, in the visitor's language, no database or cache needed to draw it."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    content = render_to_string(
        "503.html",
        {
            "language": language,
            "submission": request is not None and request.method == "POST",
            "STATIC_URL": settings.STATIC_URL,
        },
    )
    response = HttpResponse(content, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = "60"
    response["Cache-Control"] = "no-store"
    return response


class OutageMiddleware:
    """Turns a database or cache outage in a view or its template into the 503 page, never a stack trace."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_outage(exception):
            return None
        logger.error("Service unavailable: %s while serving %s", exception, request.path, exc_info=exception)
        return outage_response(request)


def server_error(request, *args, **kwargs):
    """handler500: an outage outside a view (in a middleware, or while drawing the 404 page) is a 503 too;
    any other error shows the static 500 page in the visitor's language."""
    error = sys.exc_info()[1]
    if is_outage(error):
        return outage_response(request)
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    content = render_to_string("500.html", {"language": language, "STATIC_URL": settings.STATIC_URL})
    response = HttpResponse(content, status=500, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response
