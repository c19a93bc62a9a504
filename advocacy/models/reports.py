"""Research reports: the listing (filters, pagination, feeds) and the report page with a file per language."""

import mimetypes
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F
from django.forms import CheckboxSelectMultiple
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model, get_document_model_string
from wagtail.fields import StreamField
from wagtail.search import index

from advocacy.blocks import FindingsBlock
from advocacy.models.pages import with_card_images
from advocacy.models.snippets import YEAR_VALIDATORS, FocusArea
from pages.listing_filters import YearAndTopicFilterForm
from pages.models import BasePage
from pages.models.settings import organisation_id
from pages.navigation import public
from pages.structured_data import absolute_page_url

REPORTS_PER_PAGE = 10
FEED_LENGTH = 20
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
# "Download … in Russian": each language's name as it reads after "in", in the visitor's language.
IN_LANGUAGE = {"ru": _("in Russian"), "ky": _("in Kyrgyz"), "en": _("in English")}


@dataclass(frozen=True)
class ReportFile:
    """The report's file in one language."""

    language: str
    document: object

    @property
    def language_name(self):
        return settings.LANGUAGE_NAMES_LAZY[self.language]

    @property
    def in_language(self):
        return IN_LANGUAGE[self.language]

    @property
    def is_in_current_language(self):
        return self.language == translation.get_language()


class ReportFilterForm(YearAndTopicFilterForm):
    topic_model = FocusArea
    topic_parameter = "focus"
    year_messages = {
        "invalid": _("The year must be a number such as 2021."),
        "min_value": _("There are no reports from that year."),
        "max_value": _("There are no reports from that year."),
    }


@dataclass
class ReportListing:
    """What the report index shows for one request: the page of reports, the filter choices and any error."""

    page_obj: object
    years: list
    focus_areas: list
    year: int | None = None
    focus: FocusArea | None = None
    errors: list | None = None
    query_string: str = ""

    @property
    def is_filtered(self):
        return bool(self.year or self.focus)


class ResearchReportIndexPage(RoutablePageMixin, BasePage):
    """The foundation's research and publications, newest first, filterable by year and topic, with feeds."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]
    parent_page_types = ["advocacy.AdvocacyIndexPage"]
    subpage_types = ["advocacy.ResearchReportPage"]

    class Meta:
        verbose_name = _("research report index")
        verbose_name_plural = _("research report indexes")

    def search_text_fields(self):
        return ["introduction"]

    def get_reports(self):
        return public(ResearchReportPage.objects.child_of(self).live()).order_by(*ResearchReportPage.NEWEST_FIRST)

    def get_listing(self, params):
        """Filter and paginate the reports by the GET ``params``.

        An unknown year or topic is left out and reported in ``errors`` (the listing still shows); a page
        number that does not exist raises Http404, as for any other missing URL.
        """
        reports = self.get_reports()
        years = list(
            reports.filter(publication_year__isnull=False)
            .order_by("-publication_year")
            .values_list("publication_year", flat=True)
            .distinct()
        )
        focus_areas = list(FocusArea.objects.filter(research_reports__in=reports.values("pk")).distinct())
        form = ReportFilterForm(params)
        form.is_valid()
        if "page" in form.errors:
            raise Http404("No such page of reports.")
        errors = [error for name in ("year", "focus") for error in form.errors.get(name, [])]
        year, focus = form.cleaned_data.get("year"), form.cleaned_data.get("focus")
        number = form.cleaned_data.get("page") or 1
        if year:
            reports = reports.filter(publication_year=year)
        if focus:
            reports = reports.filter(focus_areas=focus)
        paginator = Paginator(with_card_images(reports, "cover_image"), REPORTS_PER_PAGE, allow_empty_first_page=True)
        if number > paginator.num_pages:
            raise Http404("No such page of reports.")
        query = {key: value for key, value in (("year", year), ("focus", focus and focus.slug)) if value}
        query_string = "&".join(f"{key}={value}" for key, value in query.items())
        return ReportListing(paginator.page(number), years, focus_areas, year, focus, errors or None, query_string)

    @path("", name="index")
    def index_route(self, request):
        listing = self.get_listing(request.GET)
        return self.render(request, context_overrides={"listing": listing, "page_obj": listing.page_obj})

    @path("feed/rss/", name="feed_rss")
    def rss_feed(self, request):
        return self.feed_response(request, Rss201rev2Feed)

    @path("feed/atom/", name="feed_atom")
    def atom_feed(self, request):
        return self.feed_response(request, Atom1Feed)

    def feed_response(self, request, feed_class):
        """The latest reports in the active language as an RSS or Atom feed."""
        language = translation.get_language()
        feed_name = "feed_rss" if feed_class is Rss201rev2Feed else "feed_atom"
        page_url = self.get_url(request)
        feed = feed_class(
            title=self.title,
            link=request.build_absolute_uri(page_url),
            description=self.introduction or self.title,
            language=language,
            feed_url=request.build_absolute_uri(page_url + self.reverse_subpage(feed_name).lstrip("/")),
        )
        reports = self.get_reports().select_related("file_ru", "file_ky", "file_en").prefetch_related("focus_areas")
        for report in reports[:FEED_LENGTH]:
            url = request.build_absolute_uri(report.get_url(request))
            preferred = report.preferred_file()
            enclosures = []
            if preferred and preferred.document.file_size:
                enclosures.append(
                    Enclosure(
                        request.build_absolute_uri(preferred.document.url),
                        str(preferred.document.file_size),
                        mimetypes.guess_type(preferred.document.filename)[0] or "application/octet-stream",
                    )
                )
            feed.add_item(
                title=report.title,
                link=url,
                description=report.summary,
                unique_id=url,
                unique_id_is_permalink=True,
                pubdate=report.first_published_at,
                updateddate=report.last_published_at,
                author_name=report.authors or None,
                categories=[area.name for area in report.focus_areas.all()],
                enclosures=enclosures,
            )
        response = HttpResponse(content_type=f"{feed.content_type}")
        feed.write(response, "utf-8")
        return response


class ResearchReportPage(BasePage):
    """A study or publication, with its file in each language it exists in."""

    # Reports without a known year come after the dated ones.
    NEWEST_FIRST = (F("publication_year").desc(nulls_last=True), "-first_published_at", "path")

    publication_year = models.PositiveSmallIntegerField(
        _("publication year"), null=True, blank=True, validators=YEAR_VALIDATORS, help_text=_("Leave empty if unknown.")
    )
    authors = models.CharField(
        _("authors and partners"),
        max_length=300,
        blank=True,
        help_text=_("Who wrote the study and who took part in it."),
    )
    summary = models.TextField(
        _("summary"), blank=True, max_length=800, help_text=_("What the study looked at, shown in listings and feeds.")
    )
    findings = StreamField(FindingsBlock(), blank=True, verbose_name=_("findings"))
    file_ru = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("file in Russian"),
    )
    file_ky = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("file in Kyrgyz"),
    )
    file_en = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("file in English"),
    )
    cover_image = models.ForeignKey(
        "pages.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
    )
    focus_areas = ParentalManyToManyField(
        FocusArea, blank=True, related_name="research_reports", verbose_name=_("focus areas")
    )
    related_programmes = ParentalManyToManyField(
        "advocacy.AdvocacyProgrammePage",
        blank=True,
        related_name="research_reports",
        verbose_name=_("related programmes"),
        help_text=_("The report is also listed on these programmes' pages."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("publication_year"),
        FieldPanel("authors"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("file_ru"), FieldPanel("file_ky"), FieldPanel("file_en")],
            heading=_("Report file in each language"),
            help_text=_("Upload the file in every language it exists in; visitors see which languages are available."),
        ),
        FieldPanel("cover_image"),
        FieldPanel("focus_areas", widget=CheckboxSelectMultiple),
        FieldPanel("related_programmes", widget=CheckboxSelectMultiple),
        FieldPanel("findings"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("authors"),
        index.SearchField("findings"),
        index.RelatedFields("focus_areas", [index.SearchField("name")]),
        index.FilterField("publication_year"),
    ]
    parent_page_types = ["advocacy.ResearchReportIndexPage"]
    subpage_types = []
    og_type = "article"

    class Meta:
        verbose_name = _("research report")
        verbose_name_plural = _("research reports")

    def get_meta_description(self):
        return self.search_description or self.summary

    def get_hero_image(self):
        return self.cover_image

    @property
    def focus_area_names(self):
        return ", ".join(area.name for area in self.focus_areas.all())

    def search_text_fields(self):
        return ["summary", "authors", "findings", "focus_area_names"]

    def file_languages(self):
        """Codes of the languages the report file exists in, in the site's order, without a query."""
        return [code for code in LANGUAGE_CODES if getattr(self, f"file_{code}_id", None)]

    def file_language_names(self):
        return [settings.LANGUAGE_NAMES_LAZY[code] for code in self.file_languages()]

    @cached_property
    def files(self):
        """The report's files, one per language it exists in, fetched in one query."""
        ids = {code: getattr(self, f"file_{code}_id") for code in self.file_languages()}
        if not ids:
            return []
        cached = {code: self._state.fields_cache.get(f"file_{code}") for code in ids}
        if all(cached.values()):
            documents = {doc.pk: doc for doc in cached.values()}
        else:
            documents = get_document_model().objects.in_bulk(ids.values())
        return [ReportFile(code, documents[pk]) for code, pk in ids.items() if pk in documents]

    def preferred_file(self, language=None):
        """The file a visitor reading in ``language`` should get: their language, else the fallbacks, else any."""
        language = language or translation.get_language()
        by_language = {item.language: item for item in self.files}
        fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
        order = [language, *fallbacks.get(language, fallbacks.get("default", ())), *LANGUAGE_CODES]
        for code in order:
            if code in by_language:
                return by_language[code]
        return None

    def other_files(self):
        preferred = self.preferred_file()
        return [item for item in self.files if item != preferred]

    def get_structured_data(self, request):
        """The report as a schema.org Report, each file an ``encoding`` with its language and download URL."""
        url = absolute_page_url(self, request)
        data = {
            "@type": "Report",
            "@id": f"{url}#report",
            "name": self.title,
            "url": url,
            "inLanguage": translation.get_language(),
            "description": self.summary,
            "datePublished": str(self.publication_year or ""),
            "creditText": self.authors,
            "publisher": {"@id": organisation_id(request)},
            "encoding": [
                {
                    "@type": "MediaObject",
                    "name": item.document.title,
                    "contentUrl": request.build_absolute_uri(item.document.url),
                    "encodingFormat": mimetypes.guess_type(item.document.filename)[0] or "application/octet-stream",
                    "inLanguage": item.language,
                }
                for item in self.files
            ],
        }
        return [{key: value for key, value in data.items() if value}]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["preferred_file"] = self.preferred_file()
        context["current_in_language"] = IN_LANGUAGE.get(translation.get_language(), "")
        context["other_files"] = self.other_files()
        context["related_programmes"] = public(self.related_programmes.live()).order_by("path")
        context["report_index"] = self.get_parent()
        return context
