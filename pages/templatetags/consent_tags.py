"""Images that respect photo consent (``pages.consent``): the photo when it may be shown, else a placeholder.

    {% load consent_tags %}
    {% consent_image page.hero_image "hero" class="hero__image" loading="eager" %}
    {% consent_image value.image "card" alt="" class="card__image" %}
    {% if image|publishable %}…{% endif %}

``consent_image`` takes the same arguments as ``responsive_image`` (pages/templatetags/image_tags.py). For an
image that may not be shown it writes a neutral placeholder ``<img>`` of the same size, with the image's alt
text, and makes no rendition (no file is written that could later be served).
"""

from django import template
from django.template.loader import render_to_string

from pages import consent
from pages.templatetags.image_tags import PRESETS, responsive_image

register = template.Library()


@register.filter
def publishable(image):
    """True when the public site may show ``image`` today (False for no image)."""
    return bool(image) and consent.is_shown_on_website(image)


@register.simple_tag
def consent_image(image, preset="figure", sizes=None, alt=None, loading="lazy", **attrs):
    if not image:
        return ""
    if consent.is_shown_on_website(image):
        return responsive_image(image, preset, sizes=sizes, alt=alt, loading=loading, **attrs)
    if preset not in PRESETS:
        raise template.TemplateSyntaxError(
            f"consent_image: unknown preset {preset!r}; use one of {', '.join(PRESETS)}."
        )
    specs = PRESETS[preset]["specs"]
    size = image.placeholder_rendition(specs[len(specs) // 2])
    return render_to_string(
        "includes/photo_placeholder.html",
        {
            "alt": image.default_alt_text if alt is None else alt,
            "width": size.width,
            "height": size.height,
            "loading": loading,
            "class": attrs.get("class", ""),
        },
    )
