from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from pages import navigation
from pages.blocks import BaseStreamBlock, SectionLinksBlock

from .base import BasePage


class HomePage(BasePage):
    """The site's front page: hero with the tagline, introduction, worldwide reach, main sections."""

    hero_heading = models.CharField(
        _("hero heading"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to use the tagline from the site settings."),
    )
    hero_text = models.TextField(_("hero text"), blank=True, max_length=500)
    hero_image = models.ForeignKey(
        "pages.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
        help_text=_("A wide photo; children are shown only with recorded consent."),
    )
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    national_work = RichTextField(
        _("our work in Kyrgyzstan"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Shown beside the worldwide figures: a few lines on what the organisation does in the country."),
    )
    sections = StreamField(
        SectionLinksBlock(),
        blank=True,
        verbose_name=_("main sections"),
        help_text=_("Cards leading to the main sections of the site."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("more content"))

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_text"), FieldPanel("hero_image")], heading=_("Hero")
        ),
        FieldPanel("introduction"),
        FieldPanel("national_work"),
        FieldPanel("sections"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("introduction"),
        index.SearchField("national_work"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_meta_description(self):
        return self.search_description or self.hero_text

    def search_text_fields(self):
        return ["hero_heading", "hero_text", "introduction", "national_work", "body"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the page's content is rendered, not when it comes from the render cache.
        context["section_cards"] = SimpleLazyObject(lambda: self.listed_sections(request))
        return context

    def listed_sections(self, request=None):
        """The section cards whose page a visitor may see; their number sets the grid's columns."""
        return [block for block in self.sections if navigation.is_listed(block.value["page"], request)]


class StandardPage(BasePage):
    """A page of text and media such as "About us", "Privacy" or a policy."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    hero_image = models.ForeignKey(
        "pages.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    # What the search results call this type (pages/search.py): "standard page" means nothing to a visitor.
    search_type_label = pgettext_lazy("page type", "Page")

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
