"""Blocks that section apps add to the home page, without ``pages/`` importing them.

    {% load section_hooks %}{% home_sections %}

Each function registered for the ``sos_home_sections`` Wagtail hook is called as ``hook(request, page)`` and
returns HTML (safe) or "" (news adds its latest items this way). The home template decides where they go.
The home page keeps its content, these blocks included, in the render cache (pages/render_cache.py) until the
next purge, per language and host: a hook must show only published content, never anything per visitor.
"""

from django import template
from django.utils.safestring import mark_safe
from wagtail import hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def home_sections(context):
    page, request = context.get("page"), context.get("request")
    if page is None or request is None:
        return ""
    parts = [hook(request, page) for hook in hooks.get_hooks("sos_home_sections")]
    return mark_safe("".join(str(part) for part in parts if part))  # noqa: S308 -- each hook returns safe HTML
