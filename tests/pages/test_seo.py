"""sitemap.xml, robots.txt, titles, descriptions and social sharing tags."""

import re

import lxml.html
import pytest
from django.utils import translation
from lxml import etree

pytestmark = pytest.mark.django_db

# The site, the view restrictions and the pages' types, and each page type's own fields (which languages have
# text of their own): one query per page type, however many pages there are.
SITEMAP_QUERIES = 3 + 12  # 12 page types, news index and news page included
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_entries(client):
    """{loc: {hreflang: href}} of every <url> of /sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    tree = etree.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.xpath("x:link", namespaces=NS)
        }
        for url in tree.xpath("//s:url", namespaces=NS)
    }


def head_alternates(client, url):
    """{hreflang: href} of the <link rel="alternate"> tags in a page's head."""
    response = client.get(url)
    assert response.status_code == 200
    head = lxml.html.fromstring(response.content).find("head")
    return {link.get("hreflang"): link.get("href") for link in head.xpath("link[@rel='alternate'][@hreflang]")}


def test_sitemap_lists_every_live_page_in_every_language_with_alternates(client, home_page):
    from wagtail.models import Page

    entries = sitemap_entries(client)
    live_pages = Page.objects.live().public().descendant_of(home_page, inclusive=True).count()
    assert len(entries) == live_pages * 3
    assert entries["http://testserver/ky/biz-zhonundo/"] == {
        "ru": "http://testserver/ru/o-nas/",
        "ky": "http://testserver/ky/biz-zhonundo/",
        "en": "http://testserver/en/about-us/",
        "x-default": "http://testserver/ru/o-nas/",
    }


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_sitemap_alternates_match_the_page_heads_for_every_page_type(client, home_page, language):
    """One page of each type, in each language: the sitemap entry and the page head list the same hreflang set."""
    from wagtail.models import Page

    entries = sitemap_entries(client)
    one_per_type = {}
    for page in Page.objects.live().public().descendant_of(home_page, inclusive=True).order_by("path"):
        one_per_type.setdefault(page.content_type_id, page)
    assert len(one_per_type) >= 10
    for page in one_per_type.values():
        with translation.override(language):
            loc = f"http://testserver{page.get_url()}"
        assert entries[loc] == head_alternates(client, loc), loc


def test_sitemap_leaves_out_unpublished_pages(client):
    from pages.models import StandardPage

    StandardPage.objects.get(slug_en="about-us").unpublish()
    assert "http://testserver/en/about-us/" not in sitemap_entries(client)


def test_sitemap_leaves_out_restricted_pages_and_their_descendants(client, home_page):
    from wagtail.models import PageViewRestriction

    from advocacy.models import AdvocacyIndexPage, ResearchReportPage

    advocacy = AdvocacyIndexPage.objects.get()
    PageViewRestriction.objects.create(page=advocacy, restriction_type=PageViewRestriction.LOGIN)
    locations = set(sitemap_entries(client))
    report = ResearchReportPage.objects.live().first()
    with translation.override("en"):
        hidden = {f"http://testserver{advocacy.get_url()}", f"http://testserver{report.get_url()}"}
    assert hidden.isdisjoint(locations)
    assert "http://testserver/en/about-us/" in locations


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


def test_page_made_private_leaves_the_cached_sitemap_without_republishing(client, settings):
    """With the page cache on, adding a view restriction purges the stored sitemap."""
    from django.core.cache import cache
    from wagtail.models import PageViewRestriction

    from pages import cache as page_cache
    from pages.models import StandardPage

    settings.PAGE_CACHE_SECONDS = 600
    page_cache.connect_signals()
    cache.clear()
    about = StandardPage.objects.get(slug_en="about-us")
    assert "http://testserver/en/about-us/" in sitemap_entries(client)
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert "http://testserver/en/about-us/" not in sitemap_entries(client)
    cache.clear()


def test_sitemap_takes_the_same_queries_however_many_pages(client, home_page, django_assert_num_queries):
    from tests.factories import StandardPageFactory

    client.get("/sitemap.xml")
    with django_assert_num_queries(SITEMAP_QUERIES):
        assert client.get("/sitemap.xml").status_code == 200
    StandardPageFactory.create_batch(5, parent=home_page)
    client.get("/sitemap.xml")
    with django_assert_num_queries(SITEMAP_QUERIES):
        assert client.get("/sitemap.xml").status_code == 200
