"""Advocacy pages render in a fixed number of SQL queries, whatever the number of reports and programmes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages import render_cache
from tests.advocacy.factories import AdvocacyProgrammePageFactory, FocusAreaFactory
from tests.factories import SiteImageFactory

pytestmark = pytest.mark.django_db

N = 4


def count_queries(client, url, fragments=True):
    """Queries of a warm request: the first one fills caches shared across requests and makes renditions.

    ``fragments=False``: with the HTML kept in the render cache dropped first, as at the first rendering of a
    page after a purge, when its listings are read.
    """
    assert client.get(url).status_code == 200
    if not fragments:
        kept = render_cache.values(None)
        for key in [key for key in kept if key[0] == "fragment"]:
            del kept[key]
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def add_reports(make_report, make_document):
    """Add ``count`` reports, each with a cover, two topics and files, to the test report index."""
    topics = [FocusAreaFactory(), FocusAreaFactory()]

    def add(count, **kwargs):
        for _ in range(count):
            make_report(
                cover_image=SiteImageFactory(),
                focus_areas=topics,
                file_ru=make_document(),
                file_en=make_document(),
                **kwargs,
            )

    return add


@pytest.mark.parametrize("params", ["", "?year=2021", "?page=1"])
def test_report_index_queries_do_not_grow_with_the_number_of_reports(client, report_index, add_reports, params):
    url = report_index.get_translated_urls()["en"] + params
    add_reports(N)
    with_n = count_queries(client, url)
    add_reports(2 * N)
    assert count_queries(client, url) == with_n


def test_report_index_renders_in_an_exact_number_of_queries(client, report_index, add_reports):
    url = report_index.get_translated_urls()["ky"]
    add_reports(N)
    assert count_queries(client, url) == 8  # the page, the reports with their covers, files and topics


def test_advocacy_index_queries_do_not_grow_with_reports_and_programmes(client, advocacy_index, add_reports):
    def add_programmes(count):
        for _ in range(count):
            AdvocacyProgrammePageFactory(parent=advocacy_index, hero_image=SiteImageFactory()).save_revision().publish()

    url = advocacy_index.get_translated_urls()["ru"]
    add_reports(N)
    add_programmes(1)
    before = count_queries(client, url, fragments=False)
    add_reports(2 * N)
    add_programmes(2 * N)
    assert count_queries(client, url, fragments=False) == before


def test_advocacy_index_renders_in_an_exact_number_of_queries(client, advocacy_index):
    """The page; its content and feed links come from the render cache. Without them: programmes, latest
    reports, their focus areas (2), report index, key documents."""
    url = advocacy_index.get_translated_urls()["en"]
    assert count_queries(client, url) == 1
    assert count_queries(client, url, fragments=False) == 7


def test_programme_page_queries_do_not_grow_with_its_reports(client, care_leavers_programme, add_reports):
    url = care_leavers_programme.get_translated_urls()["en"]
    add_reports(N, related_programmes=[care_leavers_programme])
    before = count_queries(client, url)
    add_reports(2 * N, related_programmes=[care_leavers_programme])
    assert count_queries(client, url) == before


def test_report_page_renders_in_an_exact_number_of_queries(client, trilingual_report):
    url = trilingual_report.get_translated_urls()["en"]
    assert count_queries(client, url) == 5


def test_programme_page_renders_in_an_exact_number_of_queries(client, care_leavers_programme):
    url = care_leavers_programme.get_translated_urls()["ky"]
    assert count_queries(client, url) == 5


def test_feed_queries_do_not_grow_with_the_number_of_reports(client, report_index, add_reports):
    url = report_index.get_translated_urls()["en"] + "feed/rss/"
    add_reports(N)
    before = count_queries(client, url)
    add_reports(2 * N)
    assert count_queries(client, url) == before
