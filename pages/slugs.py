"""Readable Latin slugs for Cyrillic titles, so shared links stay short and legible."""

from anyascii import anyascii
from django.utils.text import slugify

MAX_SLUG_LENGTH = 80


def transliterated_slug(text):
    """Make a Latin slug: «Биздин кеңселер» → "bizdin-kengseler"."""
    slug = slugify(anyascii(text or ""))
    return slug[:MAX_SLUG_LENGTH].strip("-")
