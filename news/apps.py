from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """News and stories: the news index with its feeds, news pages and their topics."""

    name = "news"
    verbose_name = _("News")
