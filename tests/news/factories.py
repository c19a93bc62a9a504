"""Factories for the news section: topics and news pages."""

import datetime

import factory
import wagtail_factories

from news.models import NewsPage, NewsTopic


class NewsTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsTopic

    name_ru = factory.Sequence(lambda n: f"Тема новостей {n}")
    name_ky = factory.Sequence(lambda n: f"Жаңылык темасы {n}")
    name_en = factory.Sequence(lambda n: f"News topic {n}")
    slug = factory.Sequence(lambda n: f"news-topic-{n}")


class NewsPageFactory(wagtail_factories.PageFactory):
    """A news item written in three languages; pass ``parent`` (a news index)."""

    class Meta:
        model = NewsPage

    title_ru = factory.Sequence(lambda n: f"Новость {n}")
    title_ky = factory.Sequence(lambda n: f"Жаңылык {n}")
    title_en = factory.Sequence(lambda n: f"News {n}")
    title = factory.SelfAttribute("title_ru")
    lead_ru = "Краткое содержание новости."
    lead_ky = "Жаңылыктын кыскача мазмуну."
    lead_en = "What the news is about."
    date = datetime.date(2025, 5, 20)
