"""The demo news: three items in three languages, built from the seed's facts, loaded once."""

import pytest
from django.core.management import call_command

from news.models import NewsIndexPage, NewsPage, NewsTopic

pytestmark = pytest.mark.django_db

SEED_FACTS = {
    "ru": ("каждые четыре года", "2009", "Quality4Children"),
    "ky": ("ар бир төрт жылда", "2009", "Балдар үчүн сапаттын стандарттары"),
    "en": ("every four years", "2009", "Quality4Children"),
}


def test_demo_has_one_news_index_under_home_with_three_news(home_page):
    index = NewsIndexPage.objects.get()
    assert index.get_parent().pk == home_page.pk
    assert NewsPage.objects.child_of(index).live().count() == 3


def test_every_demo_news_has_title_lead_and_body_in_every_language():
    for item in NewsPage.objects.all():
        for code in ("ru", "ky", "en"):
            assert getattr(item, f"title_{code}") and getattr(item, f"lead_{code}"), (item.pk, code)
            assert len(getattr(item, f"body_{code}")) > 0, (item.pk, code)


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_each_demo_news_retells_one_fact_of_the_seed(language):
    texts = [
        f"{getattr(item, f'title_{language}')} {getattr(item, f'lead_{language}')}".casefold()
        for item in NewsPage.objects.order_by("-date")
    ]
    for text, fact in zip(texts, SEED_FACTS[language], strict=True):
        assert fact.casefold() in text


def test_demo_news_link_to_the_advocacy_programmes_they_are_about():
    for item in NewsPage.objects.all():
        assert [link.target.content_type.model for link in item.related_links.all()] == ["advocacyprogrammepage"]


def test_loading_the_demo_again_adds_nothing():
    counts = (NewsPage.objects.count(), NewsTopic.objects.count())
    call_command("load_demo_content", verbosity=0)
    assert (NewsPage.objects.count(), NewsTopic.objects.count()) == counts
