"""Public pages render in a fixed number of SQL queries, whatever the number of menu items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def count_queries(client, path):
    """Queries of a warm request: the first one fills caches shared across requests (site root paths)."""
    client.get(path)
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("path", ["/ru/", "/ky/biz-zhonundo/", "/en/search/?q=family"])
def test_query_count_does_not_grow_with_menu_items(client, home_page, path):
    before = count_queries(client, path)
    for _ in range(5):
        StandardPageFactory(parent=home_page, show_in_menus=True).save_revision().publish()
    assert count_queries(client, path) == before


@pytest.mark.parametrize(
    ("path", "budget"),
    [("/ru/", 1), ("/ky/biz-zhonundo/", 1), ("/en/search/?q=family", 2 if connection.vendor == "sqlite" else 1)],
)
def test_shared_page_types_render_in_a_fixed_number_of_queries(client, path, budget):
    """The page itself (search: its entries, then the text and pages of the results shown); the site, view
    restrictions, menu, settings, head office, donate and privacy pages, the home page's content and the search
    sections come from the render cache (pages/render_cache.py)."""
    assert count_queries(client, path) == budget
