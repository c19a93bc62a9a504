"""sitemap.xml, robots.txt, titles, descriptions and social sharing tags."""

import re

import pytest
from lxml import etree

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_every_live_page_in_every_language_with_alternates(client, home_page):
    from wagtail.models import Page

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    tree = etree.fromstring(response.content)
    locations = tree.xpath("//s:url/s:loc/text()", namespaces=NS)
    live_pages = Page.objects.live().public().descendant_of(home_page, inclusive=True).count()
    assert len(locations) == live_pages * 3
    assert {
        "http://testserver/ru/o-nas/",
        "http://testserver/ky/biz-zhonundo/",
        "http://testserver/en/about-us/",
    } <= set(locations)
    entry = tree.xpath("//s:url[s:loc='http://testserver/ky/biz-zhonundo/']", namespaces=NS)[0]
    alternates = {link.get("hreflang"): link.get("href") for link in entry.xpath("x:link", namespaces=NS)}
    assert alternates == {
        "ru": "http://testserver/ru/o-nas/",
        "ky": "http://testserver/ky/biz-zhonundo/",
        "en": "http://testserver/en/about-us/",
    }


def test_sitemap_leaves_out_unpublished_pages(client):
    from pages.models import StandardPage

    StandardPage.objects.get(slug_en="about-us").unpublish()
    assert b"/en/about-us/" not in client.get("/sitemap.xml").content


def test_robots_txt_points_at_sitemap_and_keeps_the_admin_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_robots_txt_lets_crawlers_see_the_noindex_of_search_and_thank_you_pages(client):
    disallowed = [
        line for line in client.get("/robots.txt").content.decode().splitlines() if line.startswith("Disallow")
    ]
    assert disallowed == ["Disallow: /admin/"]


@pytest.mark.parametrize(
    ("path", "title", "description"),
    [
        ("/ru/o-nas/", "О нас — SOS Детские Деревни Кыргызстан", "Мы помогаем детям"),
        ("/ky/biz-zhonundo/", "Биз жөнүндө — SOS Балдар Айылдары Кыргызстан", "Биз ата-энесинин"),
        ("/en/about-us/", "About us — SOS Children&#x27;s Villages Kyrgyzstan", "We help children"),
    ],
)
def test_page_has_title_and_meta_description_in_its_language(client, path, title, description):
    html = client.get(path).content.decode()
    assert f"<title>{title}</title>" in html
    assert re.search(rf'<meta name="description" content="{description}[^"]*">', html)


def test_page_has_open_graph_and_twitter_tags(client):
    html = client.get("/en/about-us/").content.decode()
    assert '<meta property="og:title" content="About us">' in html
    assert '<meta property="og:locale" content="en_GB">' in html
    assert '<meta property="og:url" content="http://testserver/en/about-us/">' in html
    assert '<meta property="og:image" content="http://testserver/static/pages/img/og-default.png">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_sharing_image_of_a_page_is_used_for_open_graph(client):
    from pages.models import StandardPage
    from tests.factories import SiteImageFactory

    page = StandardPage.objects.get(slug_en="about-us")
    page.social_image = SiteImageFactory()
    page.save_revision().publish()
    html = client.get("/en/about-us/").content.decode()
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image.startswith("http://testserver/media/images/")
    assert '<meta property="og:image:width"' in html
