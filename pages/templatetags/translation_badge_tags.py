"""Per-language translation state of a page in the admin's page listing (ru / ky / en badges)."""

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("pages/admin/translation_badges.html")
def translation_badges(page):
    """Badges from the ``translation_gap_<code>`` annotations added by the explorer queryset hook."""
    if not hasattr(page, f"translation_gap_{settings.LANGUAGE_CODE}") or page.depth <= 1:
        return {"languages": []}
    return {
        "languages": [
            {"code": code, "name": name, "gap": getattr(page, f"translation_gap_{code}")}
            for code, name in settings.LANGUAGES
        ]
    }
