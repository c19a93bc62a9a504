"""wagtail-modeltranslation's check that a page's slug is free among its siblings, reading only their slugs.

Its ``clean`` (on every page save with validation: publishing, the editor's forms, ``add_child``) loads every
sibling whole, with all its columns in three languages, to compare slugs in Python: adding the N-th report
under the report index loaded the other N−1, so the query-budget tests, which add 300, and the editors of a
long section paid for it. Here the siblings are loaded with their slug columns only; the comparison is
modeltranslation's own (each language active in turn, with its slug fallbacks), so the same slugs are refused.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname


def validate_slugs(page):
    """{localized slug field: error} for each language in which a sibling has ``page``'s slug."""
    if page.get_parent() is None:
        return {}  # the root page's slug can be whatever it likes
    languages = mt_settings.AVAILABLE_LANGUAGES
    siblings = list(
        page.get_siblings(inclusive=False).only(*(build_localized_fieldname("slug", code) for code in languages))
    )
    errors = {}
    for language in languages:
        with translation.override(language):
            if page.slug in {sibling.slug for sibling in siblings}:
                errors[build_localized_fieldname("slug", language)] = _("This slug is already in use")
    return errors


def install():
    """Make the ``clean`` wagtail-modeltranslation put on every page class use ``validate_slugs`` (pages.apps)."""
    from wagtail_modeltranslation import patch_wagtailadmin

    patch_wagtailadmin._validate_slugs = validate_slugs
