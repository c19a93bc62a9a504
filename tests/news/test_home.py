"""The home page shows the latest three news written in the visitor's language."""

import datetime

import pytest

pytestmark = pytest.mark.django_db


def latest_titles(response):
    html = response.content.decode()
    assert 'id="latest-news-heading"' in html
    block = html.split('id="latest-news-heading"')[1].split("</section>")[0]
    return [part.split(">", 1)[1].split("</a>")[0] for part in block.split('class="card__title"><a ')[1:]]


def test_home_page_shows_the_three_latest_news_newest_first(client, make_news):
    for day in range(1, 6):
        make_news(title_en=f"Day {day}", date=datetime.date(2025, 4, day))
    assert latest_titles(client.get("/en/")) == ["Day 5", "Day 4", "Day 3"]


def test_home_page_leaves_out_news_not_written_in_the_visitors_language(client, make_news):
    make_news(title_en="Older, in Kyrgyz too", title_ky="Кыргызча жаңылык", date=datetime.date(2025, 1, 1))
    make_news(title_ky="", lead_ky="", title_en="Newer, not in Kyrgyz", date=datetime.date(2025, 2, 1))
    assert latest_titles(client.get("/ky/")) == ["Кыргызча жаңылык"]
    assert latest_titles(client.get("/en/")) == ["Newer, not in Kyrgyz", "Older, in Kyrgyz too"]


def test_home_page_links_to_all_news(client, news_index, make_news):
    make_news()
    html = client.get("/ru/").content.decode()
    assert f'<a href="{news_index.get_url()}">Все новости</a>' in html


def test_home_page_without_news_has_no_news_block(client, news_index):
    assert 'id="latest-news-heading"' not in client.get("/en/").content.decode()


def test_demo_home_page_shows_the_demo_news_in_every_language(client, demo_news):
    for language in ("ru", "ky", "en"):
        assert len(latest_titles(client.get(f"/{language}/"))) == 3


def test_a_news_item_published_after_the_home_page_was_rendered_shows_at_once(client, make_news):
    """The home page's content is kept in the render cache until the next purge, which a publish is."""
    make_news(title_en="First news", date=datetime.date(2025, 4, 1))
    assert latest_titles(client.get("/en/")) == ["First news"]
    item = make_news(title_en="Second news", date=datetime.date(2025, 4, 2))
    assert latest_titles(client.get("/en/")) == ["Second news", "First news"]
    item.unpublish()
    assert latest_titles(client.get("/en/")) == ["First news"]
