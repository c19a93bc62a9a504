"""News and stories: topics (a snippet), the news index (paging, filters, feeds) and the news page."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from pages import consent, fallback, navigation
from pages.blocks import BaseStreamBlock
from pages.listing_filters import YearAndTopicFilterForm
from pages.models import BasePage, SiteImage
from pages.models.settings import organisation_id
from pages.slugs import transliterated_slug
from pages.structured_data import absolute_page_url, breadcrumb_pages
from pages.templatetags.image_tags import PRESETS

NEWS_PER_PAGE = 10
FEED_LENGTH = 20
LATEST_ON_HOME = 3
# The sharing image size (pages/templatetags/image_tags.py EXTRA_SPECS), made ahead of time for every image.
STRUCTURED_DATA_IMAGE = "fill-1200x630"
FEED_ROUTES = {"rss": "feed/rss/", "atom": "feed/atom/"}


def with_card_images(queryset):
    """The news' topics and hero images in the listing's own query, the card renditions of all photos in one more
    (none when no item has a photo), whatever the number of items."""
    specs = PRESETS["card"]["specs"]
    renditions = SiteImage.get_rendition_model().objects.filter(
        filter_spec__in=[*specs, *(f"{spec}|format-webp" for spec in specs)]
    )
    return queryset.select_related("topic", "hero_image").prefetch_related(
        Prefetch("hero_image__renditions", queryset=renditions, to_attr="prefetched_renditions")
    )


def listed(queryset, request=None):
    """Live pages without a view restriction of their own or an ancestor's; with a request, the restrictions
    are read once per request (``pages.navigation.restricted_paths``) rather than once per queryset."""
    private = Q()
    for restricted in navigation.restricted_paths(request):
        private |= Q(path__startswith=restricted)
    queryset = queryset.live()
    return queryset.exclude(private) if private else queryset


def in_language(queryset, language=None):
    """News with a title and a lead of their own in ``language`` (the active one): not shown through a fallback."""
    language = language or translation.get_language()
    return queryset.filter(**{f"title_{language}__gt": "", f"lead_{language}__gt": ""})


class NewsTopic(index.Indexed, models.Model):
    """What a news item is about ("Research", "Care leavers"); the news index filters by it."""

    name = models.CharField(pgettext_lazy("news topic", "name"), max_length=120)
    slug = models.SlugField(
        _("address name"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Latin letters for filter links (?topic=…); made from the name if left empty."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Smaller numbers come first."))

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("news topic")
        verbose_name_plural = _("news topics")

    def __str__(self):
        return self.name or self.slug

    def save(self, *args, **kwargs):
        if not self.slug:
            default_name = getattr(self, f"name_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}", "") or self.name
            self.slug = transliterated_slug(getattr(self, "name_en", "") or default_name)
        super().save(*args, **kwargs)


class NewsFilterForm(YearAndTopicFilterForm):
    topic_model = NewsTopic
    topic_parameter = "topic"
    year_messages = {
        "invalid": _("The year must be a number such as 2024."),
        "min_value": _("There is no news from that year."),
        "max_value": _("There is no news from that year."),
    }


@dataclass
class NewsListing:
    """What the news index shows for one request: the page of news, the filter choices and any error."""

    page_obj: object
    years: list
    topics: list
    year: int | None = None
    topic: NewsTopic | None = None
    errors: list | None = None
    query_string: str = ""

    @property
    def is_filtered(self):
        return bool(self.year or self.topic)


class NewsIndexPage(RoutablePageMixin, BasePage):
    """News and stories, newest first, filterable by topic and year, with an RSS and an Atom feed per language."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def search_text_fields(self):
        return ["introduction"]

    def get_news(self, request=None):
        return listed(NewsPage.objects.child_of(self), request).order_by(*NewsPage.NEWEST_FIRST)

    def get_listing(self, params, request=None):
        """Filter and paginate the news by the GET ``params``.

        An unknown year or topic is left out and reported in ``errors`` (the listing still shows); a page
        number that is not a number or does not exist raises Http404, as for any other missing URL.
        """
        news = self.get_news(request)
        years = [day.year for day in news.dates("date", "year", order="DESC")]
        topics = list(NewsTopic.objects.filter(news__in=news.values("pk")).distinct())
        form = NewsFilterForm(params)
        form.is_valid()
        if "page" in form.errors:
            raise Http404("No such page of news.")
        errors = [error for name in ("year", "topic") for error in form.errors.get(name, [])]
        year, topic = form.cleaned_data.get("year"), form.cleaned_data.get("topic")
        number = form.cleaned_data.get("page") or 1
        if year:
            news = news.filter(date__year=year)
        if topic:
            news = news.filter(topic=topic)
        paginator = Paginator(with_card_images(news), NEWS_PER_PAGE, allow_empty_first_page=True)
        if number > paginator.num_pages:
            raise Http404("No such page of news.")
        query = {key: value for key, value in (("year", year), ("topic", topic and topic.slug)) if value}
        query_string = "&".join(f"{key}={value}" for key, value in query.items())
        return NewsListing(paginator.page(number), years, topics, year, topic, errors or None, query_string)

    @path("", name="index")
    def index_route(self, request):
        listing = self.get_listing(request.GET, request)
        return self.render(
            request,
            context_overrides={
                "listing": listing,
                "page_obj": listing.page_obj,
                "query_string": listing.query_string,
                "feeds": self.feed_urls(request),
            },
        )

    @path(FEED_ROUTES["rss"], name="feed_rss")
    def rss_feed(self, request):
        return self.feed_response(request, Rss201rev2Feed, FEED_ROUTES["rss"])

    @path(FEED_ROUTES["atom"], name="feed_atom")
    def atom_feed(self, request):
        return self.feed_response(request, Atom1Feed, FEED_ROUTES["atom"])

    def feed_urls(self, request, page_url=None):
        """{"rss": url, "atom": url} of this index's feeds in the active language."""
        page_url = page_url or self.get_url(request)
        return {kind: f"{page_url}{route}" for kind, route in FEED_ROUTES.items()}

    def feed_response(self, request, feed_class, route):
        """The latest news written in the active language (none shown through a fallback), as RSS or Atom."""
        language = translation.get_language()
        page_url = self.get_url(request)
        feed = feed_class(
            title=self.title,
            link=request.build_absolute_uri(page_url),
            description=self.introduction or self.title,
            language=language,
            feed_url=request.build_absolute_uri(f"{page_url}{route}"),
        )
        for item in in_language(self.get_news(request)).select_related("topic")[:FEED_LENGTH]:
            url = request.build_absolute_uri(item.get_url(request))
            feed.add_item(
                title=item.title,
                link=url,
                description=item.lead,
                unique_id=url,
                unique_id_is_permalink=True,
                pubdate=item.published_at(),
                updateddate=item.last_published_at,
                categories=[item.topic.name] if item.topic else [],
            )
        response = HttpResponse(content_type=feed.content_type)
        feed.write(response, "utf-8")
        return response


class NewsPage(BasePage):
    """A news item or story: its date, topic, lead, photo, text and the programmes or offices it concerns."""

    NEWEST_FIRST = ("-date", "-first_published_at", "-pk")

    date = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("The news is listed and sorted by this date.")
    )
    topic = models.ForeignKey(
        NewsTopic,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news",
        verbose_name=_("topic"),
    )
    lead = models.TextField(
        _("lead"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences shown at the top, in listings, on the home page and in the feeds."),
    )
    hero_image = models.ForeignKey(
        "pages.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("main image"),
        help_text=_("Children are shown only with a recorded consent that covers the website."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("topic")], heading=_("Date and topic")),
        FieldPanel("lead"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel(
            "related_links",
            heading=_("Related programmes and offices"),
            label=_("Related page"),
            help_text=_("Pages of the site this news concerns, such as a programme or an office."),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.RelatedFields("topic", [index.SearchField("name")]),
        index.FilterField("date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    og_type = "article"

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def get_meta_description(self):
        return self.search_description or self.lead

    @property
    def topic_name(self):
        return self.topic.name if self.topic_id and self.topic else ""

    def search_text_fields(self):
        return ["lead", "body", "topic_name"]

    def published_at(self):
        """The news' date as an aware datetime (noon, local time) for feeds."""
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time(12)))

    def index_url(self, request=None):
        """The news index's URL without a query: a news page is always its direct child (``parent_page_types``),
        so the index's URL is the news' own URL without its last segment."""
        url = self.get_url(request)
        return url.rstrip("/").rsplit("/", 1)[0] + "/" if url else None

    def news_index(self, request):
        """The parent news index (from the breadcrumbs' one query), or None."""
        trail = breadcrumb_pages(request, self)
        return trail[-2] if len(trail) > 1 else None

    def related_pages(self, request):
        """The live, public pages this news links to, in the editor's order, each with its type for visitors."""
        links = self.related_links.select_related("target").order_by("sort_order")
        pages = [link.target for link in links if navigation.is_listed(link.target, request)]
        return [(page, capfirst(page.specific_class._meta.verbose_name)) for page in pages if page.specific_class]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_page = self.news_index(request)
        context["news_index"] = index_page
        if index_page is not None:
            context["feeds"] = {kind: f"{index_page.get_url(request)}{route}" for kind, route in FEED_ROUTES.items()}
        context["related_pages"] = self.related_pages(request)
        return context

    def get_structured_data(self, request):
        """The news as a schema.org NewsArticle published by the organisation."""
        url = absolute_page_url(self, request)
        image = self.hero_image
        data = {
            "@type": "NewsArticle",
            "@id": f"{url}#article",
            "headline": self.title[:110],
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": fallback.shown_language(self, "title") or translation.get_language(),
            "description": self.lead,
            "datePublished": self.date.isoformat(),
            "dateModified": self.last_published_at.isoformat() if self.last_published_at else "",
            "articleSection": self.topic_name,
            "author": {"@id": organisation_id(request)},
            "publisher": {"@id": organisation_id(request)},
        }
        if image is not None and consent.is_shown_on_website(image):
            data["image"] = [request.build_absolute_uri(image.get_rendition(STRUCTURED_DATA_IMAGE).url)]
        return [{key: value for key, value in data.items() if value}]


class NewsRelatedPage(Orderable):
    """A page of the site (a programme, an office…) that a news item concerns, chosen in the admin."""

    news = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("page"),
    )

    panels = [FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")
