from django import forms
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.models import Page, PageViewRestriction

from pages import fallback
from pages.slugs import transliterated_slug


class BasePage(Page):
    """What every public page shares: per-language slugs made from titles, sharing image, search text.

    Concrete pages list their translated fields in their app's translation.py.
    """

    social_image = models.ForeignKey(
        "pages.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sharing image"),
        help_text=_("Shown when the page is shared on social networks; the page's own photo is used if empty."),
    )

    # Wagtail's title placeholder "Page title*" would mark the Kyrgyz and English titles required too: each
    # language's title is labelled by its heading, and only the Russian one carries the asterisk.
    content_panels = [TitleFieldPanel("title", widget=forms.TextInput(attrs={"placeholder": ""}))]

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=_("For search engines"),
        ),
        FieldPanel("show_in_menus"),
        FieldPanel("social_image"),
    ]

    is_creatable = False
    # Open Graph type; "article" for dated publications (reports, programmes, news).
    og_type = "website"

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        self.fill_missing_slugs()
        super().full_clean(*args, **kwargs)

    def fill_missing_slugs(self):
        """Give every language that has a title a Latin slug made from that title."""
        for code, _name in settings.LANGUAGES:
            slug_field = build_localized_fieldname("slug", code)
            title = getattr(self, build_localized_fieldname("title", code), "")
            if title and not getattr(self, slug_field, ""):
                setattr(self, slug_field, transliterated_slug(title))
        default_slug = build_localized_fieldname("slug", settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
        if not self.slug and getattr(self, default_slug, ""):
            self.slug = getattr(self, default_slug)

    def get_view_restrictions(self):
        """Wagtail's check before serving a page costs two queries (ancestors, restrictions) on every request.

        When no restriction sits on this page or an ancestor (the restricted paths come from the render
        cache, purged when a restriction changes) and the site has no alias pages (which take their
        source's restrictions), the answer is known to be empty without asking the database.
        """
        from pages import navigation, render_cache

        if self.pk and not self.alias_of_id:
            restricted = navigation.restricted_paths()
            has_aliases = render_cache.get(
                None, ("alias pages",), lambda: Page.objects.filter(alias_of__isnull=False).exists()
            )
            if not has_aliases and not self.path.startswith(restricted):
                return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_hero_image(self):
        """The page's main photo, if its type has one; used for sharing and listings."""
        return getattr(self, "hero_image", None)

    def get_social_image(self):
        return self.social_image or self.get_hero_image()

    def get_meta_description(self):
        return self.search_description or getattr(self, "introduction", "") or ""

    def get_translated_urls(self, request=None):
        """This page's URL in each language, for the language switcher and hreflang links."""
        urls = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                urls[code] = self.get_url(request=request)
        return urls

    def search_text(self):
        """Plain text of this page in the active language, for the site search index."""
        parts = [self.search_description]
        for name in self.search_text_fields():
            value = getattr(self, name, "")
            if hasattr(value, "stream_block"):
                value = value.render_as_block()
            parts.append(str(value or ""))
        return "\n".join(part for part in parts if part)

    def search_text_fields(self):
        """Names of the translated fields whose text the site search should find; extended per page type."""
        return ["introduction", "body"]

    def content_fields(self):
        """Translated fields holding this page's own text: what decides whether a language has the page."""
        return [name for name in self.search_text_fields() if fallback.is_translated(self, name)]

    def own_content_languages(self):
        """Languages in which this page has text of its own (not shown through a fallback).

        A page type whose content fields are all empty counts its title instead.
        """
        if not hasattr(self, "_own_content_languages"):
            fields = self.content_fields()
            codes = [code for code, _name in settings.LANGUAGES]
            own = {code for code in codes if any(fallback.has_value(self, name, code) for name in fields)}
            if not own:
                own = {code for code in codes if fallback.has_value(self, "title", code)}
            self._own_content_languages = own
        return self._own_content_languages

    def content_fallback(self, language=None):
        """How the visitor's language falls back on this page: None, or ``(scope, shown language)``.

        ``scope`` is "page" when the page has no text of its own in the language (it is then
        ``noindex`` there and left out of the hreflang set), "part" when only some fields fall back.
        """
        language = language or translation.get_language()
        shown = [fallback.fallback_language(self, name, language) for name in self.content_fields()]
        shown = [code for code in shown if code]
        if language not in self.own_content_languages():
            return ("page", shown[0] if shown else fallback.fallback_language(self, "title", language))
        if shown:
            return ("part", shown[0])
        return None
