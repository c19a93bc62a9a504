from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from pages.blocks import BaseStreamBlock
from pages.models import BasePage


class ImpactExampleBlock(blocks.StructBlock):
    """One illustration of what a gift can contribute to, written by editors."""

    amount = blocks.CharBlock(
        label=_("Gift"),
        max_length=60,
        required=False,
        help_text=_("Optional, e.g. “1 500 KGS” or “Every month”."),
    )
    text = blocks.CharBlock(label=_("What it helps with"), max_length=250)

    class Meta:
        icon = "tick-inverse"
        label = _("Impact example")
        template = "donations/blocks/impact_example_block.html"
        preview_value = {"amount": "", "text": "Любая сумма помогает детям расти в семье."}


class DonatePage(RoutablePageMixin, BasePage):
    """Why to give, the pledge form, and the other ways to help; the thank-you page is a route of it.

    The form itself and its routes live in ``donations.views``; this model only holds the page's text.
    """

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    why_give = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("why give"))
    impact_examples = StreamField(
        [("example", ImpactExampleBlock())],
        blank=True,
        verbose_name=_("what a gift does"),
        help_text=_("Short illustrations written by editors; only facts the foundation has published."),
    )
    next_steps = RichTextField(
        _("what happens next"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Shown on the thank-you page and in the confirmation e-mail."),
    )
    other_ways = RichTextField(
        _("other ways to help"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Bank details and the fundraising contact are added below it from the pledge options."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("why_give"),
        FieldPanel("impact_examples"),
        MultiFieldPanel(
            [InlinePanel("designation_options", label=_("Designation"))],
            heading=_("Where a gift can go"),
            help_text=_("Programmes or villages a donor may choose; “Where most needed” is always offered."),
        ),
        FieldPanel("next_steps"),
        FieldPanel("other_ways"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("why_give"),
    ]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("donate page")
        verbose_name_plural = _("donate pages")

    def search_text_fields(self):
        return ["introduction", "why_give", "impact_examples", "other_ways"]

    def get_designation_pages(self):
        """The live pages a donor may choose, in the editors' order (one query)."""
        return [
            option.target
            for option in self.designation_options.select_related("target").order_by("sort_order")
            if option.target.live
        ]

    @path("")
    def pledge_form(self, request):
        from donations import views

        return views.pledge_form(request, self)

    @path("stop-reminders/<str:token>/", name="stop_reminders")
    def stop_reminders(self, request, token):
        from donations import views

        return views.stop_reminders(request, self, token)

    @path("thank-you/<str:reference>/", name="thank_you")
    def thank_you(self, request, reference):
        from donations import views

        return views.thank_you(request, self, reference)


class DonateDesignation(Orderable):
    """A programme or village offered as a designation on the donate page."""

    page = ParentalKey(DonatePage, on_delete=models.CASCADE, related_name="designation_options")
    target = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("programme or village"),
        help_text=_("Its title, in the visitor's language, is what the donor sees."),
    )

    panels = [PageChooserPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("designation")
        verbose_name_plural = _("designations")

    def __str__(self):
        return self.target.title
