"""Admin: news topics under a "News" menu item; the latest news on the home page through ``sos_home_sections``."""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.models import LATEST_ON_HOME, NewsIndexPage, NewsTopic, in_language, listed


class NewsTopicViewSet(SnippetViewSet):
    model = NewsTopic
    icon = "tag"
    menu_label = _("News topics")
    menu_name = "news_topics"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "slug"]


register_snippet(NewsTopicViewSet)


def latest_news(request):
    """The news index and its latest news written in the visitor's language: two queries, none without an index."""
    news_index = listed(NewsIndexPage.objects.all(), request).first()
    if news_index is None:
        return None, []
    news = in_language(news_index.get_news(request)).select_related("topic")[:LATEST_ON_HOME]
    return news_index, list(news)


@hooks.register("sos_home_sections")
def latest_news_on_home_page(request, page):
    """The "Latest news" block of the home page (pages/templatetags/section_hooks.py places it)."""
    news_index, news = latest_news(request)
    if not news:
        return ""
    return render_to_string("news/includes/latest_news.html", {"news_index": news_index, "news": news}, request=request)
