from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """The organisation's facts shown across the site: one place to change a phone number."""

    name = models.CharField(_("organisation name"), max_length=200)
    legal_name = models.CharField(_("legal name"), max_length=300, blank=True)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    head_office_address = models.CharField(_("head office address"), max_length=300, blank=True)
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, help_text=_("International format: +996 312 611546")
    )
    fax = models.CharField(_("fax"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    worldwide_programmes = models.PositiveIntegerField(
        _("programmes worldwide"), default=2100, help_text=_("SOS Children's Villages federation, shown as “2100+”.")
    )
    worldwide_countries = models.PositiveIntegerField(_("countries and territories worldwide"), default=133)
    donate_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("“Help now” page"),
        help_text=_("Where the “Help now” button of every page leads."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy page"),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("legal_name"), FieldPanel("tagline")], heading=_("Organisation")
        ),
        MultiFieldPanel(
            [FieldPanel("head_office_address"), FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email")],
            heading=_("Head office contacts"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url"), FieldPanel("youtube_url")],
            heading=_("Social networks"),
        ),
        MultiFieldPanel(
            [FieldPanel("worldwide_programmes"), FieldPanel("worldwide_countries")], heading=_("Worldwide reach")
        ),
        MultiFieldPanel([FieldPanel("donate_page"), FieldPanel("privacy_page")], heading=_("Key pages")),
    ]

    class Meta:
        verbose_name = _("organisation")

    @property
    def social_links(self):
        links = [("Facebook", self.facebook_url), ("Instagram", self.instagram_url), ("YouTube", self.youtube_url)]
        return [(label, url) for label, url in links if url]
