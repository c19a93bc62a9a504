"""Cache-Control for a CDN / reverse proxy: public pages are shared, everything per-visitor stays private."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_anonymous_page_may_be_kept_by_a_shared_cache(client, frontend_cache_on):
    response = client.get("/ky/")
    assert response.status_code == 200
    assert cache_control(response) == {"public", "max-age=0", "s-maxage=300"}


def test_page_served_from_the_page_cache_is_still_public(client, frontend_cache_on, settings):
    settings.PAGE_CACHE_SECONDS = 60
    client.get("/en/")
    response = client.get("/en/")
    assert response["X-Cache"] == "hit"
    assert cache_control(response) == {"public", "max-age=0", "s-maxage=300"}


def test_no_shared_cache_header_unless_configured(client):
    response = client.get("/ru/")
    assert response.status_code == 200
    assert "Cache-Control" not in response


def test_signed_in_editor_gets_a_private_page(admin_client, frontend_cache_on):
    response = admin_client.get("/ru/")
    assert response.status_code == 200
    assert cache_control(response) == {"private"}


def test_admin_is_never_public(admin_client, frontend_cache_on):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "public" not in cache_control(response)
    assert "private" in cache_control(response)


def test_pledge_form_stays_no_store(client, frontend_cache_on):
    response = client.get("/en/help-now/")
    assert response.status_code == 200
    assert {"no-store", "private"} <= cache_control(response)
    assert "public" not in cache_control(response)


def test_pledge_form_with_errors_stays_no_store(client, frontend_cache_on):
    form = client.get("/en/help-now/")
    response = client.post("/en/help-now/", {"amount": "x"}, HTTP_REFERER=form.wsgi_request.build_absolute_uri())
    assert response.status_code in (200, 400, 403)
    assert "public" not in cache_control(response)


def test_not_found_page_is_private(client, frontend_cache_on):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert cache_control(response) == {"private"}


def test_language_redirect_is_private(frontend_cache_on):
    response = Client(HTTP_ACCEPT_LANGUAGE="ky").get("/")
    assert response.status_code == 302
    assert cache_control(response) == {"private"}


def test_visitor_with_a_csrf_cookie_still_gets_a_public_page(frontend_cache_on):
    visitor = Client()
    visitor.cookies["csrftoken"] = "x" * 32
    response = visitor.get("/ru/")
    assert response.status_code == 200
    assert "public" in cache_control(response)
