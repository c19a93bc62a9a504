import copy
import re
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site


@dataclass(frozen=True)
class ContactDetails:
    """An office's contacts in the active language: what the footer and the structured data read.

    The head office page chosen in the settings provides them through ``get_contact_details()``; pages/
    knows nothing else about the offices app. Phone numbers arrive in the stored form "+996 312 611546".
    """

    street_address: str = ""
    postcode: str = ""
    locality: str = ""
    region: str = ""
    country_code: str = "KG"
    phone: str = ""
    fax: str = ""
    email: str = ""
    page: Any = None

    @property
    def postal_address(self):
        """One line: "ул. Исанова, 94/3, 720001 Бишкек"."""
        locality = " ".join(part for part in (self.postcode, self.locality) if part)
        return ", ".join(part for part in (self.street_address, locality) if part)

    @property
    def phone_uri(self):
        return tel_uri(self.phone)

    @property
    def fax_uri(self):
        return tel_uri(self.fax)

    def postal_address_data(self):
        """schema.org PostalAddress of these contacts, without empty properties."""
        data = {
            "@type": "PostalAddress",
            "streetAddress": self.street_address,
            "postalCode": self.postcode,
            "addressLocality": self.locality,
            "addressRegion": self.region,
            "addressCountry": self.country_code,
        }
        return {key: str(value) for key, value in data.items() if value}


def tel_uri(number):
    """tel:+996312611546 for "+996 312 611546"; empty for an empty number."""
    digits = re.sub(r"\D", "", number or "")
    return f"tel:+{digits}" if digits else ""


def organisation_id(request=None):
    """The organisation's JSON-LD IRI: the site's root, not a language's home page, so it is the same in every
    language (relative when there is no request)."""
    root = request.build_absolute_uri("/") if request is not None else "/"
    return f"{root}#organisation"


class CachedSiteSetting(BaseSiteSetting):
    """A site setting read from the render cache (pages/render_cache.py) instead of a query per request.

    Wagtail's ``for_request`` runs a ``get_or_create`` (and one query per page it links to) on every request.
    Here each process loads the setting once per render-cache generation (any settings save purges it), with
    its linked objects, and every request gets its own shallow copy: the request it carries and the page
    URLs Wagtail caches on it stay per request.
    """

    class Meta:
        abstract = True

    @classmethod
    def for_request(cls, request):
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        from pages import render_cache, routing

        site = routing.find_site(request)
        if site is None:
            return super().for_request(request)
        shared = render_cache.get(request, ("settings", cls._meta.label, site.pk), lambda: cls.load_shared(site))
        instance = copy.copy(shared)
        instance._request = request
        instance._page_url_cache = {}
        setattr(request, attr_name, instance)
        return instance

    @classmethod
    def load_shared(cls, site: Site):
        """The instance kept for the generation, with what its templates read already loaded."""
        instance = cls.for_site(site)
        instance._state.fields_cache["site"] = site
        for field in cls._meta.concrete_fields:
            if field.is_relation and field.name != "site":
                getattr(instance, field.name)
        instance.warm()
        return instance

    def warm(self):
        """Load anything else a page reads from these settings, before they are shared (read-only after)."""


@register_setting(icon="site")
class OrganisationSettings(CachedSiteSetting):
    """The organisation's facts shown across the site: one place to change a phone number."""

    name = models.CharField(_("organisation name"), max_length=200)
    legal_name = models.CharField(_("legal name"), max_length=300, blank=True)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    head_office = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("head office page"),
        help_text=_(
            "The office page whose address, phone, fax and e-mail the footer and every page's structured data "
            "show: change the contacts there, once."
        ),
    )
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
    privacy_email = models.EmailField(
        _("e-mail for personal data requests"),
        blank=True,
        help_text=_(
            "Shown under the privacy policy for questions and requests about personal data; nothing is shown "
            "while it is empty."
        ),
    )
    report_concern_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("“Report a concern” page"),
        help_text=_("Linked from the footer of every page: how to report a concern about a child's safety."),
    )
    safeguarding_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("safeguarding policy page"),
        help_text=_("Linked from the footer of every page."),
    )
    partnership_text = models.TextField(
        _("volunteering and partnership"),
        blank=True,
        max_length=600,
        help_text=_(
            "The home page's second way to help besides money: how to volunteer or partner with the organisation. "
            "Left empty, the home page shows no such block."
        ),
    )
    partnership_email = models.EmailField(
        _("volunteering and partnership e-mail"),
        blank=True,
        help_text=_("Shown with the text above; when empty, the head office's phone is shown instead."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("legal_name"), FieldPanel("tagline")], heading=_("Organisation")
        ),
        MultiFieldPanel([PageChooserPanel("head_office")], heading=_("Head office contacts")),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url"), FieldPanel("youtube_url")],
            heading=_("Social networks"),
        ),
        MultiFieldPanel(
            [FieldPanel("worldwide_programmes"), FieldPanel("worldwide_countries")], heading=_("Worldwide reach")
        ),
        MultiFieldPanel(
            [FieldPanel("donate_page"), FieldPanel("privacy_page"), FieldPanel("privacy_email")],
            heading=_("Key pages"),
        ),
        MultiFieldPanel(
            [FieldPanel("report_concern_page"), FieldPanel("safeguarding_policy_page")], heading=_("Safeguarding")
        ),
        MultiFieldPanel(
            [FieldPanel("partnership_text"), FieldPanel("partnership_email")], heading=_("Other ways to help")
        ),
    ]

    select_related = ["head_office", "report_concern_page", "safeguarding_policy_page"]

    class Meta:
        verbose_name = _("organisation")

    @cached_property
    def head_office_page(self):
        """The live head office page as its own type (one query: the settings query joins the base page)."""
        if self.head_office is None or not self.head_office.live:
            return None
        return self.head_office.specific

    def warm(self):
        self.head_office_page  # noqa: B018 -- the specific page, one query, now rather than per request
        self._contacts_by_language = {}

    @property
    def head_office_contacts(self):
        """The head office's ContactDetails in the active language, or None when no head office is chosen.

        Kept per language: the footer and the structured data both read them.
        """
        language = translation.get_language()
        by_language = self.__dict__.setdefault("_contacts_by_language", {})
        if language not in by_language:
            get_contact_details = getattr(self.head_office_page, "get_contact_details", None)
            by_language[language] = get_contact_details() if callable(get_contact_details) else None
        return by_language[language]

    @property
    def phone(self):
        return getattr(self.head_office_contacts, "phone", "")

    @property
    def fax(self):
        return getattr(self.head_office_contacts, "fax", "")

    @property
    def email(self):
        return getattr(self.head_office_contacts, "email", "")

    def structured_data(self, request=None):
        """schema.org description of the organisation (an NGO) with the head office's address and phones."""
        request = request or getattr(self, "_request", None)

        def absolute(url):
            return request.build_absolute_uri(url) if request is not None else url

        home_url = absolute(reverse("wagtail_serve", args=[""]))
        data = {
            "@context": "https://schema.org",
            "@type": "NGO",
            "@id": organisation_id(request),
            "name": self.name,
            "legalName": self.legal_name,
            "url": home_url,
            "logo": absolute(static("pages/img/logo-mark.svg")),
            "sameAs": [url for _label, url in self.social_links],
        }
        contacts = self.head_office_contacts
        if contacts is not None:
            data.update(
                {
                    "address": contacts.postal_address_data(),
                    "telephone": contacts.phone,
                    "faxNumber": contacts.fax,
                    "email": contacts.email,
                }
            )
        return {key: value for key, value in data.items() if value}

    @property
    def social_links(self):
        links = [("Facebook", self.facebook_url), ("Instagram", self.instagram_url), ("YouTube", self.youtube_url)]
        return [(label, url) for label, url in links if url]
