"""Offices, villages and programmes: where the organisation works, how to reach it, and a map."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable
from wagtail.search import index

from offices import geo, map_labels, structured_data, vcard
from offices.phones import PhoneNumberField, tel_uri
from pages.blocks import BaseStreamBlock
from pages.models import BasePage
from pages.models.settings import ContactDetails
from pages.navigation import public

CARD_IMAGE_SPEC = "fill-640x360"


class OfficeKind(models.TextChoices):
    HEAD_OFFICE = "head_office", _("Head office")
    CHILDRENS_VILLAGE = "childrens_village", _("Children's village")
    FAMILY_STRENGTHENING = "family_strengthening", _("Family strengthening programme")
    YOUTH_FACILITY = "youth_facility", _("Youth facility")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    REGIONAL_OFFICE = "regional_office", _("Regional office")


class Region(models.TextChoices):
    """Kyrgyzstan's seven regions and its two cities of republican significance."""

    BISHKEK = "bishkek", _("Bishkek city")
    OSH_CITY = "osh_city", _("Osh city")
    BATKEN = "batken", _("Batken region")
    CHUY = "chuy", _("Chuy region")
    ISSYK_KUL = "issyk_kul", _("Issyk-Kul region")
    JALAL_ABAD = "jalal_abad", _("Jalal-Abad region")
    NARYN = "naryn", _("Naryn region")
    OSH = "osh", _("Osh region")
    TALAS = "talas", _("Talas region")


class OfficeIndexPage(BasePage):
    """ "Our offices": the head office first, then every other office and village, and the map."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("more content"))

    content_panels = [*BasePage.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["offices.OfficePage"]
    max_count = 1

    class Meta:
        verbose_name = _("office list")
        verbose_name_plural = _("office lists")

    def get_offices(self):
        """Live public offices below this page, head office first, then in the order of the page tree.

        One query for the offices and one for their photos' renditions, however many offices there are.
        """
        offices = list(
            public(OfficePage.objects.child_of(self).live())
            .defer_streamfields()  # the list shows no body: not parsed from JSON for every office and language
            .prefetch_related(
                Prefetch("hero_image", queryset=get_image_model().objects.prefetch_renditions(CARD_IMAGE_SPEC))
            )
            .order_by("path")
        )
        return sorted(offices, key=lambda office: office.kind != OfficeKind.HEAD_OFFICE)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        offices = self._listed_offices = self.get_offices()
        head_offices = [office for office in offices if office.is_head_office]
        context["head_office"] = head_offices[0] if head_offices else None
        context["other_offices"] = [office for office in offices if office is not context["head_office"]]
        context["office_map"] = OfficeMap(offices, request, link_to_list=True)
        return context

    def get_structured_data(self, request):
        """The organisation with every office as a department (the offices get_context fetched, when it ran)."""
        offices = getattr(self, "_listed_offices", None)
        return structured_data.office_list_data(self.get_offices() if offices is None else offices, request)


class OfficePage(RoutablePageMixin, BasePage):
    """One place where the organisation works: its contacts, opening hours, location and programmes."""

    kind = models.CharField(_("kind"), max_length=32, choices=OfficeKind.choices, default=OfficeKind.REGIONAL_OFFICE)
    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    hero_image = models.ForeignKey(
        "pages.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
        help_text=_("A photo of the building or the place; children only with recorded consent."),
    )
    address = models.CharField(
        _("street address"), max_length=255, blank=True, help_text=_("Street and house number, without the town.")
    )
    postcode = models.CharField(_("postcode"), max_length=12, blank=True)
    city = models.CharField(_("city or village"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=32, choices=Region.choices, blank=True)
    phone = PhoneNumberField(
        _("phone"), help_text=_("Stored as +996 312 611546 whatever the spelling, e.g. “0312 611546”.")
    )
    mobile_phone = PhoneNumberField(_("mobile phone"))
    fax = PhoneNumberField(_("fax"))
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=255,
        blank=True,
        help_text=_("As visitors should read it, e.g. “Mon–Fri 9:00–18:00”."),
    )
    contact_person = models.CharField(_("person to contact"), max_length=200, blank=True)
    contact_role = models.CharField(_("their role"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Decimal degrees north, e.g. 42.87460. In OpenStreetMap, right-click the place: “Show address”."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Decimal degrees east, e.g. 74.56980."),
    )
    location_is_approximate = models.BooleanField(
        _("approximate location"),
        default=False,
        help_text=_(
            "Tick when the coordinates are only the town's centre, not the building: the page then says so "
            "and the map link opens a wider view."
        ),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("more content"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        FieldPanel("introduction"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldPanel("region"),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("mobile_phone"), FieldPanel("fax")]),
                FieldPanel("email"),
                FieldPanel("opening_hours"),
                FieldRowPanel([FieldPanel("contact_person"), FieldPanel("contact_role")]),
            ],
            heading=_("Contacts"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]), FieldPanel("location_is_approximate")],
            heading=_("Place on the map"),
        ),
        InlinePanel("programmes", heading=_("Programmes run here"), label=_("Programme")),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("address"),
        index.SearchField("city"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["offices.OfficeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self):
        return self.title

    # Validation

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError({missing: _("Give both latitude and longitude, or neither.")})
        if self.has_location and not geo.kyrgyzstan().contains(self.latitude, self.longitude):
            message = _(
                "The point %(latitude)s, %(longitude)s lies outside Kyrgyzstan. Check the numbers "
                "(latitude is about 39–43, longitude about 69–80)."
            )
            if geo.kyrgyzstan().contains(self.longitude, self.latitude):
                message = _("The point %(latitude)s, %(longitude)s lies outside Kyrgyzstan: are the two swapped?")
            error = ValidationError(message, code="outside_country", params=self.location_params())
            raise ValidationError({"latitude": error, "longitude": error})

    def location_params(self):
        return {"latitude": self.latitude, "longitude": self.longitude}

    # What templates read

    @property
    def is_head_office(self):
        return self.kind == OfficeKind.HEAD_OFFICE

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def phone_uri(self):
        return tel_uri(self.phone)

    @property
    def mobile_phone_uri(self):
        return tel_uri(self.mobile_phone)

    @property
    def fax_uri(self):
        return tel_uri(self.fax)

    @property
    def locality_line(self):
        return " ".join(part for part in (self.postcode, self.city) if part)

    @property
    def region_line(self):
        """The region, unless it is a city of republican significance already named as the town."""
        if not self.region or (self.region in (Region.BISHKEK, Region.OSH_CITY) and self.city):
            return ""
        return self.get_region_display()

    @property
    def has_contacts(self):
        return any((self.address, self.city, self.phone, self.mobile_phone, self.fax, self.email))

    def openstreetmap_url(self):
        """A plain link to OpenStreetMap (nothing loads from it until the visitor follows it)."""
        if not self.has_location:
            return ""
        zoom = 13 if self.location_is_approximate else 17
        query = urlencode({"mlat": self.latitude, "mlon": self.longitude})
        return f"https://www.openstreetmap.org/?{query}#map={zoom}/{self.latitude}/{self.longitude}"

    def get_contact_details(self):
        """The office's contacts in the active language (the interface the site settings read for the footer)."""
        return ContactDetails(
            street_address=self.address,
            postcode=self.postcode,
            locality=self.city,
            region=self.get_region_display() if self.region else "",
            phone=self.phone,
            fax=self.fax,
            email=self.email,
            page=self,
        )

    def get_programmes(self):
        """Live pages chosen as the programmes run here, in the editor's order."""
        return [
            link.programme
            for link in self.programmes.select_related("programme").order_by("sort_order")
            if link.programme is not None and link.programme.live
        ]

    def search_text_fields(self):
        return ["introduction", "address", "city", "opening_hours", "contact_person", "body"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = self.get_programmes()
        context["office_map"] = OfficeMap([self], request) if self.has_location else None
        return context

    def get_structured_data(self, request):
        return structured_data.office_page_data(self, request)

    # Routes

    @path("vcard/", name="vcard")
    def vcard(self, request):
        """The office as a contact card (.vcf) to save on a phone, in the visitor's language."""
        response = HttpResponse(vcard.office_vcard(self, request), content_type="text/vcard; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug or "office"}.vcf"'
        return response


class OfficeProgramme(Orderable):
    """A programme run at an office: a link to its page (an advocacy programme, a project…)."""

    office = ParentalKey(OfficePage, on_delete=models.CASCADE, related_name="programmes")
    programme = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("programme page"),
        help_text=_("The page of a programme run here, e.g. an advocacy programme."),
    )

    panels = [FieldPanel("programme")]

    class Meta(Orderable.Meta):
        verbose_name = _("programme run here")
        verbose_name_plural = _("programmes run here")

    def __str__(self):
        return str(self.programme or "")


class OfficeMap:
    """The static map of Kyrgyzstan with markers for offices that have coordinates.

    Offices at (nearly) the same point share one marker: its visible label is the town, its link text
    names every office there. On the list page a shared marker leads to the first office's entry below
    the map; a single office's marker leads to its page; on an office's own page it opens OpenStreetMap.
    """

    CLUSTER_DISTANCE = 14  # in the drawing's units, about 1.5% of its width

    def __init__(self, offices, request, link_to_list=False):
        self.country = geo.kyrgyzstan()
        self.width, self.height, self.path = self.country.width, self.country.height, self.country.path
        self.source = self.country.source
        self.lake_paths = self.country.lake_paths
        self.markers = self._markers([office for office in offices if office.has_location], request, link_to_list)

    def _markers(self, offices, request, link_to_list):
        clusters = []
        for office in offices:
            x, y = self.country.project(office.latitude, office.longitude)
            for cluster in clusters:
                if abs(cluster["x"] - x) < self.CLUSTER_DISTANCE and abs(cluster["y"] - y) < self.CLUSTER_DISTANCE:
                    cluster["offices"].append(office)
                    break
            else:
                clusters.append({"x": x, "y": y, "offices": [office]})
        markers = []
        for cluster in clusters:
            first = cluster["offices"][0]
            if link_to_list and len(cluster["offices"]) > 1:
                href = f"#office-{first.pk}"
            elif link_to_list:
                href = first.get_url(request)
            else:
                href = first.openstreetmap_url()
            markers.append(
                {
                    "x": cluster["x"],
                    "y": cluster["y"],
                    "label": first.city or first.title,
                    "offices": cluster["offices"],
                    "href": href,
                }
            )
        placements = map_labels.place_labels(
            tuple((marker["x"], marker["y"], str(marker["label"])) for marker in markers),
            self.width,
            self.height,
            self.country.segments,
        )
        for marker, placement in zip(markers, placements, strict=True):
            marker["placement"] = placement
            marker["text_x"], marker["text_y"] = placement.text_x, placement.text_y
        return markers
