"""Every public page type renders in at most 8 SQL queries, exactly counted, and no more with 100× the reports
(10× the programmes, 6× the offices).

The pages are the demo site's first live page of each type in each language, plus search, as `make bench`
picks them. Counts are of a warm request (earlier ones filled the render cache and made the renditions).
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page

pytestmark = pytest.mark.django_db

BUDGET = 8
# Queries of one warm rendering per page type: the page itself, then what its listing shows.
EXPECTED = {
    # The page; its content (cards, the latest news of news/wagtail_hooks.py) comes from the render cache.
    "HomePage": 1,
    "StandardPage": 1,
    "AdvocacyIndexPage": 1,  # its listings and feed links come from the render cache
    "OfficeIndexPage": 2,  # the offices with their photos' renditions
    "DonatePage": 1,  # the empty form and its choices come from the render cache
    "ConcernReportPage": 1,
    "AdvocacyProgrammePage": 5,
    "ResearchReportIndexPage": 6,
    "OfficePage": 2,
    "ResearchReportPage": 5,
    "NewsIndexPage": 5,  # years, topics, count, the page of news (with topics and photos)
    "NewsPage": 3,  # the topic, the related pages
    # The matching entries, then the text and pages of the ten shown (PostgreSQL's full-text search reads them
    # with the entries); the section titles come from the render cache (pages/search.py).
    "search": 2 if connection.vendor == "sqlite" else 1,
}


def public_pages():
    """(page type, path) of the first live page of each type in each language, and search."""
    pages, seen = [], set()
    for page in Page.objects.live().public().filter(depth__gte=2).specific().order_by("depth", "path"):
        if type(page) in seen or page.get_url() is None:  # a type seen, or a page outside the site
            continue
        seen.add(type(page))
        for code in ("ru", "ky", "en"):
            with translation.override(code):
                pages.append((type(page).__name__, page.get_url()))
    pages += [("search", f"/{code}/search/?q=sos") for code in ("ru", "ky", "en")]
    return pages


def warm_queries(client, path):
    client.get(path)
    client.get(path)
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(context.captured_queries)


def counts(client):
    return {(kind, path): warm_queries(client, path) for kind, path in public_pages()}


def expected_counts():
    """Each demo page's exact count, from EXPECTED; the test below checks the demo site has every type once."""
    return {(kind, path): EXPECTED[kind] for kind, path in public_pages()}


def test_every_public_page_type_renders_in_its_exact_number_of_queries(client):
    measured = counts(client)
    assert {kind for kind, _path in measured} == set(EXPECTED)
    assert measured == expected_counts()
    assert max(measured.values()) <= BUDGET


def test_query_counts_do_not_grow_with_100_times_the_content(client):
    """The same exact counts as on the demo site (the test above measures those, so they are not measured again
    here), for the same pages."""
    before = expected_counts()
    call_command("scale_demo", "--reports=300", "--programmes=30", "--offices=30", "--no-search-index", verbosity=0)
    assert counts(client) == before
