"""Under concurrent load every pledge is saved once, with a unique reference (PostgreSQL only)."""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from donations.models import DonatePage, Pledge
from tests.donations.conftest import form_data

PLEDGES = 200
THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_200_concurrent_pledges_make_200_rows_with_unique_references(settings, tree_root):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locking; CI runs the suite there (DATABASE_URL=postgres://…)")
    from pages.demo import ensure_home_page

    # Transactional tests start from an empty database: build the pages the form needs.
    home = ensure_home_page()
    from donations import demo

    page = demo.build(home)
    url = page.get_url()
    settings.DONATIONS_PLEDGE_RATE_LIMIT = PLEDGES * 10
    local = threading.local()

    def post(index):
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = Client()
        try:
            # Every pledge is sent twice, like a double click: still one row each.
            data = form_data(email=f"donor{index}@example.org")
            first = client.post(url, data)
            second = client.post(url, data)
            return first.status_code, second.status_code, first["Location"] == second["Location"]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(post, range(PLEDGES)))

    assert all(result == (303, 303, True) for result in results)
    assert Pledge.objects.count() == PLEDGES
    assert Pledge.objects.values("reference").distinct().count() == PLEDGES
    assert DonatePage.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_pledge_is_one_insert_and_its_key_finds_it_again():
    """As in a request (no outer transaction): no BEGIN/COMMIT round trips, and a refused INSERT leaves the
    connection usable for finding the pledge made first."""
    fields = {"amount": Decimal("1000"), "currency": "KGS", "frequency": "one_off", "language": "ru"}
    with CaptureQueriesContext(connection) as queries:
        first, created = Pledge.objects.create_once(submission_key="key-1", email="a@example.org", **fields)
    assert created
    assert [query["sql"].split()[0] for query in queries.captured_queries] == ["INSERT"]
    again, created_again = Pledge.objects.create_once(submission_key="key-1", email="b@example.org", **fields)
    assert (again.pk, again.email, created_again) == (first.pk, "a@example.org", False)
    assert Pledge.objects.count() == 1
