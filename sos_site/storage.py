"""Where uploads live: the local disk, or S3-compatible object storage (django-storages) when SOS_S3_BUCKET is set.

With object storage there are two storages on the same bucket (README "Scaling out"):

- ``default``: original images (``original_images/``) and documents (``documents/``). Never public: its URLs are
  signed and expire after an hour, documents are streamed by ``/documents/`` after Wagtail's permission checks
  (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), and an original whose consent ended cannot be fetched by a
  guessed URL once the bucket grants anonymous reads to ``images/`` only;
- ``renditions``: the resized images pages show (``images/``), at plain public URLs on the custom domain (a CDN
  or the bucket's own host), so a page's ``<img>`` never costs the app server a request.

Wagtail fixes a rendition field's storage when the model class is built, so ``WAGTAILIMAGES_RENDITION_STORAGE``
names ``RenditionStorage``: a lazy object that looks ``renditions`` (else ``default``) up in ``STORAGES`` when
first used and again after the setting changes (tests), like Django's own ``default_storage``.
"""

import json
from functools import cache
from urllib.parse import urlsplit

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

S3_BACKEND = "storages.backends.s3.S3Storage"
# The only prefix anyone may read without a signature: Wagtail's renditions (upload_to "images/").
PUBLIC_PREFIX = "images/"


def public_read_policy(bucket, prefix=PUBLIC_PREFIX):
    """The bucket policy (JSON) that lets anyone read renditions and nothing else (README "Scaling out")."""
    statement = {
        "Sid": "PublicRenditions",
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{bucket}/{prefix}*",
    }
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def s3_storages(bucket, *, endpoint_url=None, custom_domain=None, region=None, access_key=None, secret_key=None):
    """The ``default`` and ``renditions`` entries of ``STORAGES`` for one bucket.

    ``custom_domain`` is a host (``media.example.org``, served over HTTPS), optionally with a path, or a whole
    base URL with its scheme (``http://127.0.0.1:18070/sos-media`` for a local server).
    """
    common = {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url,
        "region_name": region,
        "access_key": access_key,
        "secret_key": secret_key,
        "signature_version": "s3v4",  # boto3 would still sign URLs with the retired v2 in us-east-1
        # Two uploads named alike must not replace each other (Wagtail relies on the storage to rename).
        "file_overwrite": False,
        # Access is the bucket policy's business (buckets made since 2023 refuse object ACLs).
        "default_acl": None,
    }
    private = {**common, "querystring_auth": True, "querystring_expire": 3600}
    public = {**common, "querystring_auth": False}
    if custom_domain:
        if "://" in custom_domain:
            scheme, _, custom_domain = custom_domain.partition("://")
            public["url_protocol"] = f"{scheme}:"
        public["custom_domain"] = custom_domain.strip("/")
    return {
        "default": {"BACKEND": S3_BACKEND, "OPTIONS": private},
        "renditions": {"BACKEND": S3_BACKEND, "OPTIONS": public},
    }


def _rendition_storage():
    from django.conf import settings
    from django.core.files.storage import storages

    return storages["renditions" if "renditions" in settings.STORAGES else "default"]


class RenditionStorage(LazyObject):
    """The storage of image renditions, looked up when first used (see the module's docstring)."""

    def _setup(self):
        self._wrapped = _rendition_storage()


def _origin(storage):
    """The scheme and host a storage's URLs point at, or None when they are on the site itself."""
    parts = urlsplit(storage.url("probe"))
    if not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme else parts.netloc


@cache
def media_origins():
    """(origin of rendition URLs, origin of original-image URLs), each None when served by the site itself.

    Computed once per process from the configured storages (no request to the storage is made); the CSP's
    ``img-src`` adds them, so it follows the media domain without a setting of its own.
    """
    from django.core.files.storage import default_storage

    return _origin(_rendition_storage()), _origin(default_storage)


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    if setting in ("STORAGES", "WAGTAILIMAGES_RENDITION_STORAGE"):
        media_origins.cache_clear()
        from wagtail.images import get_image_model

        storage = get_image_model().get_rendition_model()._meta.get_field("file").storage
        if isinstance(storage, RenditionStorage):
            storage._wrapped = empty  # looked up again on next use
