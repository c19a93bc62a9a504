"""The JSON-LD of every page type, in every language, parsed as JSON-LD (pyld, schema.org context kept local)."""

import json

import lxml.html
import pytest
from django.utils import translation
from pyld import jsonld

pytestmark = pytest.mark.django_db

SCHEMA = "https://schema.org/"
ORGANISATION_ID = "http://testserver/#organisation"
# Every type the site uses: a misspelt one would make search engines ignore the node.
KNOWN_TYPES = {
    f"{SCHEMA}{name}"
    for name in (
        "NGO",
        "Place",
        "PostalAddress",
        "GeoCoordinates",
        "Country",
        "BreadcrumbList",
        "ListItem",
        "Report",
        "MediaObject",
        "NewsArticle",
    )
}


def local_schema_context(url, options=None):
    """pyld's document loader without a network: schema.org's context as its vocabulary only."""
    assert url.rstrip("/") == SCHEMA.rstrip("/"), f"unexpected remote context {url}"
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": SCHEMA}}}


def json_ld_documents(html):
    head = lxml.html.fromstring(html).find("head")
    return [json.loads(script.text) for script in head.xpath("script[@type='application/ld+json']")]


def page_graph(client, url):
    """The page's one JSON-LD document, checked as JSON-LD and returned as {@id or position: node} of the graph."""
    response = client.get(url)
    assert response.status_code == 200
    (document,) = json_ld_documents(response.content)
    flattened = jsonld.flatten(document, options={"documentLoader": local_schema_context})
    for node in flattened:
        types = set(node.get("@type", []))
        assert types, f"untyped node {node}"
        assert types <= KNOWN_TYPES, types - KNOWN_TYPES
    return document["@graph"]


def of_type(graph, schema_type):
    def types(node):
        value = node.get("@type", [])
        return value if isinstance(value, list) else [value]

    return [node for node in graph if schema_type in types(node)]


def one_page_of_every_type(home_page):
    from wagtail.models import Page

    pages = {}
    for page in Page.objects.live().public().descendant_of(home_page, inclusive=True).order_by("path").specific():
        pages.setdefault(type(page).__name__, page)
    return pages


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_every_page_type_has_valid_json_ld_with_one_organisation_and_its_breadcrumbs(client, home_page, language):
    pages = one_page_of_every_type(home_page)
    assert len(pages) >= 10
    for name, page in pages.items():
        with translation.override(language):
            url = page.get_url()
        graph = page_graph(client, url)
        (organisation,) = [node for node in graph if node.get("@id") == ORGANISATION_ID]
        assert organisation["@type"] == "NGO", name
        breadcrumbs = of_type(graph, "BreadcrumbList")
        if page.depth > 2:
            (trail,) = breadcrumbs
            items = trail["itemListElement"]
            assert [item["position"] for item in items] == list(range(1, len(items) + 1)), name
            assert items[0]["item"] == f"http://testserver/{language}/"
            assert items[-1]["item"] == f"http://testserver{url}"
            assert items[-1]["name"] == page.title
        else:
            assert breadcrumbs == [], name


@pytest.mark.parametrize("path", ["/ru/search/?q=SOS", "/en/no-such-page/"])
def test_routes_without_a_page_describe_the_organisation_only(client, path):
    response = client.get(path)
    (document,) = json_ld_documents(response.content)
    jsonld.flatten(document, options={"documentLoader": local_schema_context})
    assert [node["@id"] for node in document["@graph"]] == [ORGANISATION_ID]


def test_organisation_lists_the_social_links_of_the_settings_as_same_as(client, org_settings):
    org_settings.facebook_url = "https://www.facebook.com/example"
    org_settings.youtube_url = "https://www.youtube.com/@example"
    org_settings.save()
    (organisation,) = of_type(page_graph(client, "/ky/"), "NGO")
    assert organisation["sameAs"] == ["https://www.facebook.com/example", "https://www.youtube.com/@example"]


def test_breadcrumb_list_names_the_pages_in_the_page_language(client):
    (trail,) = of_type(page_graph(client, "/en/about-us/"), "BreadcrumbList")
    assert [(item["name"], item["item"]) for item in trail["itemListElement"]] == [
        ("Home", "http://testserver/en/"),
        ("About us", "http://testserver/en/about-us/"),
    ]


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_report_page_is_a_report_with_one_encoding_per_file_language(client, language):
    from advocacy.models import ResearchReportPage

    report = next(page for page in ResearchReportPage.objects.live().order_by("path") if len(page.files) > 1)
    with translation.override(language):
        url, title = report.get_url(), report.title
    (data,) = of_type(page_graph(client, url), "Report")
    assert data["name"] == title
    assert data["inLanguage"] == language
    assert data["publisher"] == {"@id": ORGANISATION_ID}
    if report.publication_year:
        assert data["datePublished"] == str(report.publication_year)
    encodings = {encoding["inLanguage"]: encoding for encoding in data["encoding"]}
    assert set(encodings) == set(report.file_languages())
    for item in report.files:
        assert encodings[item.language]["contentUrl"] == f"http://testserver{item.document.url}"
        assert encodings[item.language]["encodingFormat"] == "application/pdf"


def test_report_without_a_year_leaves_out_date_published(client):
    from advocacy.models import ResearchReportPage

    report = ResearchReportPage.objects.live().first()
    report.publication_year = None
    report.save_revision().publish()
    (data,) = of_type(page_graph(client, report.get_url()), "Report")
    assert "datePublished" not in data


def test_office_list_names_every_office_as_a_department_with_coordinates(client):
    from offices.models import OfficePage

    graph = page_graph(client, "/en/our-offices/")
    (organisation,) = of_type(graph, "NGO")
    departments = organisation["department"]
    assert len(departments) == OfficePage.objects.live().public().count()
    located = [department for department in departments if "geo" in department]
    assert located
    assert {"latitude", "longitude"} <= set(located[0]["geo"])
    assert all("Place" in department["@type"] for department in departments)


def test_office_ids_are_the_same_in_every_language(client):
    from offices.models import OfficeIndexPage

    office_list = OfficeIndexPage.objects.get()
    ids = set()
    for language in ("ru", "ky", "en"):
        with translation.override(language):
            url = office_list.get_url()
        (organisation,) = of_type(page_graph(client, url), "NGO")
        ids.add(tuple(sorted(department["@id"] for department in organisation["department"])))
    assert len(ids) == 1


@pytest.mark.parametrize(
    ("model", "og_type"),
    [
        ("advocacy.ResearchReportPage", "article"),
        ("advocacy.AdvocacyProgrammePage", "article"),
        ("pages.StandardPage", "website"),
    ],
)
def test_open_graph_type_is_article_for_publications(client, model, og_type):
    from django.apps import apps

    page = apps.get_model(model).objects.live().first()
    html = client.get(page.get_url()).content.decode()
    assert f'<meta property="og:type" content="{og_type}">' in html


def test_report_is_shared_with_its_own_cover_image(client):
    from advocacy.models import ResearchReportPage
    from tests.factories import SiteImageFactory

    report = ResearchReportPage.objects.live().first()
    report.cover_image = SiteImageFactory()
    report.save_revision().publish()
    head = lxml.html.fromstring(client.get(report.get_url()).content).find("head")
    (image,) = head.xpath("meta[@property='og:image']/@content")
    assert image.startswith("http://testserver/media/images/")
