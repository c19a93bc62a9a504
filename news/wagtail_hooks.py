"""Admin: news topics under a "News" menu item; the latest news on the home page through ``sos_home_sections``."""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.models import LATEST_ON_HOME, NewsPage, NewsTopic, in_language, listed, with_card_images


class NewsTopicViewSet(SnippetViewSet):
    model = NewsTopic
    icon = "tag"
    menu_label = _("News topics")
    menu_name = "news_topics"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "slug"]


register_snippet(NewsTopicViewSet)


def latest_news(request):
    """The latest news written in the visitor's language, with their photos: one query, two when one has a photo.

    No query for the news index: its URL is the news' URL without the last segment (``NewsPage.index_url``).
    """
    news = NewsPage.objects.order_by(*NewsPage.NEWEST_FIRST)
    return list(with_card_images(in_language(listed(news, request)))[:LATEST_ON_HOME])


@hooks.register("sos_home_sections")
def latest_news_on_home_page(request, page):
    """The "Latest news" block of the home page (pages/templatetags/section_hooks.py places it)."""
    news = latest_news(request)
    if not news:
        return ""
    context = {"news": news, "index_url": news[0].index_url(request)}
    return render_to_string("news/includes/latest_news.html", context, request=request)
