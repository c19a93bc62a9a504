from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from news.models import NewsIndexPage, NewsPage, NewsTopic


@register(NewsTopic)
class NewsTopicTranslation(TranslationOptions):
    fields = ("name",)


@register(NewsIndexPage)
class NewsIndexPageTranslation(TranslationOptions):
    fields = ("introduction",)


@register(NewsPage)
class NewsPageTranslation(TranslationOptions):
    fields = ("lead", "body")
