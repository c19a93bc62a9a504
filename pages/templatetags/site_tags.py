from django import template
from django.conf import settings
from django.templatetags.static import static

from pages import navigation
from pages.models import OrganisationSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    request = context["request"]
    if not hasattr(request, "_main_menu"):
        request._main_menu = navigation.main_menu_pages(request)
    return request._main_menu


@register.simple_tag(takes_context=True)
def language_links(context):
    request = context["request"]
    if context.get("not_found"):  # the same path in another language does not exist either
        return navigation.language_links(request, urls={})
    return navigation.language_links(request, context.get("page"))


@register.simple_tag(takes_context=True)
def meta_description(context):
    """Every page's description: its own (search description, else introduction), else the view's
    ``meta_description``, else its title with the organisation's name and tagline."""
    page = context.get("page")
    description = page.get_meta_description() if hasattr(page, "get_meta_description") else ""
    description = description or context.get("meta_description") or ""
    if description:
        return description
    organisation = OrganisationSettings.for_request(context["request"])
    title = getattr(page, "title", "")
    heading = f"{title} — {organisation.name}" if title else organisation.name
    return f"{heading}. {organisation.tagline}" if organisation.tagline else heading


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return context["request"].build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def absolute_url_static(context, path):
    return context["request"].build_absolute_uri(static(path))


OG_LOCALES = {"ru": "ru_RU", "ky": "ky_KG", "en": "en_GB"}


@register.filter
def og_locale(language_code):
    return OG_LOCALES.get(language_code, language_code)


@register.filter
def is_ancestor_or_self(menu_page, current_page):
    """True when ``menu_page`` is the current page or one of its ancestors (for aria-current)."""
    if current_page is None or not hasattr(current_page, "path"):
        return False
    return current_page.path.startswith(menu_page.path)


@register.simple_tag
def default_language():
    return settings.LANGUAGE_CODE
