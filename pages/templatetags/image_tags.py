"""Responsive images: a <picture> with WebP sources and a JPEG/PNG fallback, in the sizes the site uses.

    {% load image_tags %}
    {% responsive_image page.hero_image "hero" class="hero__image" loading="eager" %}
    {% responsive_image value.image "figure" %}
    {% responsive_image card.image "card" alt="" %}

The second argument names a preset in ``PRESETS`` (its widths and its default ``sizes``); ``sizes=…`` overrides
the preset's. ``manage.py pregenerate_renditions`` makes every preset's renditions ahead of time, so a visitor
never waits for an image to be resized. All renditions of one image come from one query (or none when the
queryset used ``prefetch_renditions()``).
"""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

# name → rendition specs (smallest first) and the default `sizes` attribute. The fallback <img src> is the
# middle spec. Keep the template's CSS width in mind when changing `sizes`.
PRESETS = {
    # Figures in the text column (includes/figure.html): up to 48rem wide.
    "figure": {
        "specs": ("width-400", "width-800", "width-1200"),
        "sizes": "(min-width: 52rem) 48rem, 100vw",
    },
    # The full-width home page hero (pages/home_page.html).
    "hero": {
        "specs": ("fill-800x350-c75", "fill-1600x700-c75"),
        "sizes": "100vw",
    },
    # Card images in section links and listings.
    "card": {
        "specs": ("fill-320x180-c75", "fill-640x360-c75"),
        "sizes": "(min-width: 40rem) 20rem, 100vw",
    },
}
# Renditions made by other tags that pregenerate_renditions should also make (social sharing image).
EXTRA_SPECS = ("fill-1200x630",)
WEBP = "format-webp"


def webp_spec(spec):
    return f"{spec}|{WEBP}"


def all_specs():
    """Every rendition spec the templates ask for: each preset in its own format and in WebP."""
    specs = []
    for preset in PRESETS.values():
        for spec in preset["specs"]:
            specs.extend([spec, webp_spec(spec)])
    specs.extend(EXTRA_SPECS)
    return specs


def _srcset(renditions):
    seen = set()
    entries = []
    for rendition in renditions:
        if rendition.width in seen:  # a small original gives the same width twice
            continue
        seen.add(rendition.width)
        entries.append((rendition.url, rendition.width))
    return ", ".join(f"{url} {width}w" for url, width in entries)


@register.simple_tag
def responsive_image(image, preset="figure", sizes=None, alt=None, loading="lazy", **attrs):
    """<picture> with a WebP <source> and a fallback <img>; empty when there is no image."""
    if not image:
        return ""
    try:
        config = PRESETS[preset]
    except KeyError as error:
        raise template.TemplateSyntaxError(
            f"responsive_image: unknown preset {preset!r}; use one of {', '.join(PRESETS)}."
        ) from error
    specs = list(config["specs"])
    renditions = image.get_renditions(*specs, *[webp_spec(spec) for spec in specs])
    fallback = [renditions[spec] for spec in specs]
    webp = [renditions[webp_spec(spec)] for spec in specs]
    main = fallback[len(fallback) // 2]
    sizes = sizes or config["sizes"]
    alt_text = main.alt if alt is None else alt
    extra = format_html_join("", ' {}="{}"', sorted((name.replace("_", "-"), value) for name, value in attrs.items()))
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async"{}>'
        "</picture>",
        _srcset(webp),
        sizes,
        main.url,
        _srcset(fallback),
        sizes,
        main.width,
        main.height,
        alt_text,
        loading,
        extra,
    )
