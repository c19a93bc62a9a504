"""Which language a translated field is actually shown in (WCAG 3.1.2, honest fallback).

django-modeltranslation silently shows another language's value when the active language's is empty
(ky → ru → en, en → ru, ru → ky). Templates mark such text with the language really shown, pages say
so to the visitor, and a page with no own text in a language is not offered to search engines there.
"""

from django.conf import settings
from django.utils import translation
from modeltranslation.fields import NONE, TranslationFieldDescriptor
from modeltranslation.utils import build_localized_fieldname, resolution_order


def _descriptor(instance, field):
    for klass in type(instance).__mro__:
        descriptor = klass.__dict__.get(field)
        if descriptor is not None:
            return descriptor if isinstance(descriptor, TranslationFieldDescriptor) else None
    return None


def is_translated(instance, field):
    """True when ``field`` is stored per language by django-modeltranslation."""
    return _descriptor(instance, field) is not None


def has_value(instance, field, language):
    """True when ``field`` has its own, non-empty value in ``language``."""
    descriptor = _descriptor(instance, field)
    if descriptor is None:
        return True
    value = getattr(instance, build_localized_fieldname(field, language), None)
    undefined = descriptor.fallback_undefined
    if undefined is NONE:
        undefined = descriptor.field.get_default()
    return bool(descriptor.meaningful_value(value, undefined)) and _not_empty(value)


def _not_empty(value):
    if value is None:
        return False
    if hasattr(value, "stream_block"):
        return len(value) > 0
    return str(value).strip() != ""


def shown_language(instance, field, language=None):
    """The language whose value ``instance.field`` shows in ``language`` (the active one by default).

    None for a field that is not translated, or empty in every language.
    """
    descriptor = _descriptor(instance, field)
    if descriptor is None:
        return None
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    for candidate in resolution_order(language, descriptor.fallback_languages):
        if has_value(instance, field, candidate):
            return candidate
    return None


def fallback_language(instance, field, language=None):
    """The other language ``field`` is shown in, or None when it is shown in the visitor's own."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    shown = shown_language(instance, field, language)
    return shown if shown and shown != language else None
