"""The advocacy section's landing page and its programme pages."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.forms import CheckboxSelectMultiple
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from advocacy.blocks import GoalsBlock
from advocacy.models.snippets import YEAR_VALIDATORS, FocusArea, KeyDocument
from pages.blocks import BaseStreamBlock
from pages.models import BasePage, SiteImage
from pages.navigation import public

CARD_IMAGE_FILTER = "fill-640x360"
LATEST_REPORTS_ON_INDEX = 3


def with_card_images(queryset, field):
    """Fetch the images of a page listing and their card renditions in two queries, whatever its length.

    The cards show no body: its StreamFields (one per language, parsed from JSON on load) are deferred.
    """
    return queryset.defer_streamfields().prefetch_related(
        Prefetch(field, queryset=SiteImage.objects.prefetch_renditions(CARD_IMAGE_FILTER)),
        Prefetch("focus_areas", queryset=FocusArea.objects.all()),
    )


class AdvocacyIndexPage(BasePage):
    """The advocacy section's landing page: what the work aims at, its programmes, research and key documents."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("about our advocacy"))
    goals = StreamField(
        GoalsBlock(),
        blank=True,
        verbose_name=_("goals"),
        help_text=_("What the foundation's advocacy aims at, one goal per item."),
    )
    hero_image = models.ForeignKey(
        "pages.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        FieldPanel("goals"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.SearchField("goals"),
    ]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["advocacy.AdvocacyProgrammePage", "advocacy.ResearchReportIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("advocacy section")
        verbose_name_plural = _("advocacy sections")

    def get_context(self, request, *args, **kwargs):
        from advocacy.models.reports import ResearchReportIndexPage, ResearchReportPage

        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = with_card_images(
            public(AdvocacyProgrammePage.objects.child_of(self).live()).order_by("path"), "hero_image"
        )
        context["latest_reports"] = with_card_images(
            public(ResearchReportPage.objects.descendant_of(self).live()).order_by(*ResearchReportPage.NEWEST_FIRST),
            "cover_image",
        )[:LATEST_REPORTS_ON_INDEX]
        # Lazy, as the querysets above: the template's cached fragment reads none of them on a hit.
        context["report_index"] = SimpleLazyObject(
            lambda: public(ResearchReportIndexPage.objects.child_of(self).live()).first()
        )
        context["key_documents"] = KeyDocument.objects.select_related("document")
        return context

    def search_text_fields(self):
        return ["introduction", "body", "goals"]


class AdvocacyProgrammePage(BasePage):
    """One programme or campaign, such as the work for the rights of care leavers started in 2009."""

    summary = models.TextField(
        _("summary"), blank=True, max_length=600, help_text=_("One or two sentences shown in listings and at the top.")
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, validators=YEAR_VALIDATORS, help_text=_("Leave empty while it goes on.")
    )
    focus_areas = ParentalManyToManyField(
        FocusArea, blank=True, related_name="programmes", verbose_name=_("focus areas")
    )
    hero_image = models.ForeignKey(
        "pages.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
    )
    related_documents = ParentalManyToManyField(
        KeyDocument,
        blank=True,
        related_name="programmes",
        verbose_name=_("related documents"),
        help_text=_("Key reference documents this programme relies on. Research reports are linked from the report."),
    )
    cta_heading = models.CharField(
        _("heading"), max_length=200, blank=True, help_text=_("Leave empty for “Support this work”.")
    )
    cta_text = models.TextField(_("text"), blank=True, max_length=500)
    cta_label = models.CharField(
        _("button text"), max_length=80, blank=True, help_text=_("Leave empty for “Help now”.")
    )
    cta_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("button leads to"),
        help_text=_("A donation or contact page; leave empty for the site's donation page."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")], heading=_("Years")),
        FieldPanel("focus_areas", widget=CheckboxSelectMultiple),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        FieldPanel("related_documents", widget=CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("cta_heading"), FieldPanel("cta_text"), FieldPanel("cta_label"), FieldPanel("cta_page")],
            heading=_("Call to action"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("focus_areas", [index.SearchField("name")]),
        index.FilterField("start_year"),
    ]
    parent_page_types = ["advocacy.AdvocacyIndexPage"]
    subpage_types = []
    og_type = "article"

    class Meta:
        verbose_name = _("advocacy programme")
        verbose_name_plural = _("advocacy programmes")

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year cannot come before the start year.")})

    def get_meta_description(self):
        return self.search_description or self.summary

    @property
    def period(self):
        """ "2009–2013", "since 2009" or "" in the active language."""
        if self.start_year and self.end_year:
            return f"{self.start_year}–{self.end_year}"
        if self.start_year:
            return _("since %(year)s") % {"year": self.start_year}
        return ""

    @property
    def focus_area_names(self):
        return ", ".join(area.name for area in self.focus_areas.all())

    def get_context(self, request, *args, **kwargs):
        from advocacy.models.reports import ResearchReportPage

        context = super().get_context(request, *args, **kwargs)
        context["related_reports"] = with_card_images(
            public(self.research_reports.live()).order_by(*ResearchReportPage.NEWEST_FIRST), "cover_image"
        )
        context["related_documents"] = self.related_documents.select_related("document")
        return context

    def search_text_fields(self):
        return ["summary", "body", "focus_area_names"]
