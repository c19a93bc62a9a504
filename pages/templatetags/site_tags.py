from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from pages import fallback, navigation, structured_data
from pages.models import OrganisationSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    request = context["request"]
    if not hasattr(request, "_main_menu"):
        request._main_menu = navigation.main_menu_pages(request)
    return request._main_menu


@register.simple_tag(takes_context=True)
def current_menu_pages(context):
    """The ids of the menu pages that are the current page or its ancestors ("" for none): all that the
    header's cached navigation (its ``aria-current``) depends on besides published content and the language."""
    page = context.get("page")
    return ",".join(str(menu_page.pk) for menu_page in main_menu(context) if is_ancestor_or_self(menu_page, page))


@register.filter
def is_listed(page, request=None):
    """``{% if page|is_listed:request %}``: live and not private (no view restriction on it or an ancestor)."""
    return navigation.is_listed(page, request)


@register.simple_tag(takes_context=True)
def language_links(context):
    request = context["request"]
    if context.get("not_found"):  # the same path in another language does not exist either
        return navigation.language_links(request, urls={})
    return navigation.language_links(request, context.get("page"))


@register.simple_tag(takes_context=True)
def page_structured_data(context):
    """The page's JSON-LD graph (organisation, breadcrumbs, the page's own items), built once per request."""
    return structured_data.page_graph_json(context["request"], context.get("page"))


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page):
    """The ancestors the breadcrumbs link to, shared with the JSON-LD BreadcrumbList (one query per request)."""
    return structured_data.breadcrumb_pages(context["request"], page)[:-1]


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


@register.filter
def lang_attr(instance, field):
    """`` lang="ru"`` when ``instance.field`` is shown in another language than the page's, else nothing.

    Use inside the opening tag of the element holding the field: ``<h1{{ page|lang_attr:"title" }}>``.
    """
    shown = fallback.fallback_language(instance, field) if instance is not None else None
    return format_html(' lang="{}"', shown) if shown else ""


# One sentence per shown language, so each catalogue can name its own language and decline the other.
FALLBACK_NOTICES = {
    ("page", "ru"): _("This page is not yet available in this language; it is shown in Russian."),
    ("page", "ky"): _("This page is not yet available in this language; it is shown in Kyrgyz."),
    ("page", "en"): _("This page is not yet available in this language; it is shown in English."),
    ("part", "ru"): _("Parts of this page are not yet available in this language; they are shown in Russian."),
    ("part", "ky"): _("Parts of this page are not yet available in this language; they are shown in Kyrgyz."),
    ("part", "en"): _("Parts of this page are not yet available in this language; they are shown in English."),
}


@register.simple_tag(takes_context=True)
def content_fallback(context):
    """The notice for a page shown (wholly or in parts) in another language: scope, language and text."""
    page = context.get("page")
    if page is None or not hasattr(page, "content_fallback"):
        return None
    found = page.content_fallback()
    if not found or found not in FALLBACK_NOTICES:
        return None
    scope, language = found
    return {"scope": scope, "language": language, "text": FALLBACK_NOTICES[found]}


@register.simple_tag(takes_context=True)
def page_extras(context):
    """HTML that section apps add below a page's content through the ``sos_page_extras`` hook.

    Each hook is called as ``hook(request, page)`` and returns HTML (marked safe) or "". This is how, for
    example, a campaign's progress bar appears on a programme's page without ``pages/`` importing donations.
    """
    page = context.get("page")
    request = context.get("request")
    if page is None or request is None:
        return ""
    parts = [hook(request, page) for hook in hooks.get_hooks("sos_page_extras")]
    return mark_safe("".join(str(part) for part in parts if part))  # noqa: S308 -- each hook returns safe HTML


# The illustration of a home page card without a photo, by the app of the page it leads to. By app label,
# so pages/ imports no section app; a section without its own drawing gets the family house.
CARD_ILLUSTRATIONS = {
    "advocacy": "pages/img/cards/advocacy.svg",
    "offices": "pages/img/cards/offices.svg",
    "news": "pages/img/cards/news.svg",
    "donations": "pages/img/cards/donate.svg",
}
DEFAULT_CARD_ILLUSTRATION = "pages/img/cards/family.svg"


@register.simple_tag
def card_illustration(page):
    """``{% card_illustration page %}``: the static URL of the drawing for a card leading to ``page``."""
    app_label = page.specific_class._meta.app_label if page is not None and page.specific_class else ""
    return static(CARD_ILLUSTRATIONS.get(app_label, DEFAULT_CARD_ILLUSTRATION))


@register.filter
def page_numbers(page_obj):
    """The page numbers a listing's pagination shows (Django's elided range), None where a run is left out."""
    if not page_obj.has_other_pages():
        return []
    numbers = page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    return [number if isinstance(number, int) else None for number in numbers]
