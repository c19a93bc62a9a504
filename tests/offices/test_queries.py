"""Office pages render in a fixed number of SQL queries, however many offices there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import SiteImageFactory

from .factories import OfficePageFactory

pytestmark = pytest.mark.django_db


def count_queries(client, path):
    """Queries of a warm request: the first fills caches shared across requests and image renditions."""
    client.get(path)
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


def add_offices(office_index, count):
    for _ in range(count):
        OfficePageFactory(parent=office_index, hero_image=SiteImageFactory()).save_revision().publish()


@pytest.mark.parametrize("path", ["/ru/nashi-ofisy/", "/en/our-offices/"])
def test_office_list_query_count_does_not_grow_with_offices(client, office_index, path):
    add_offices(office_index, 1)
    before = count_queries(client, path)
    add_offices(office_index, 5)
    assert count_queries(client, path) == before


def test_office_list_renders_in_an_exact_number_of_queries(client, office_index):
    add_offices(office_index, 3)
    assert count_queries(client, "/ky/bizdin-kengseler/") == 4  # the page, the offices, photos, renditions


def test_office_page_renders_in_an_exact_number_of_queries(client, karakol_office):
    assert count_queries(client, karakol_office.get_url()) == 2


def test_vcard_renders_within_its_query_budget(client, karakol_office):
    assert count_queries(client, karakol_office.get_url() + "vcard/") <= 9
