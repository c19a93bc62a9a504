"""The public page cache: what is stored, what never is, and the purge on publishing."""

import pytest
from django.core.cache import cache
from django.forms import Form
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.test import Client
from wagtail.contrib.redirects.models import Redirect

from pages import cache as page_cache
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_second_anonymous_visit_is_served_from_the_cache_without_queries(
    client, page_cache_on, django_assert_num_queries
):
    assert client.get("/ru/")["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get("/ru/")
    assert response.status_code == 200
    assert response["X-Cache"] == "hit"


def test_cached_page_keeps_the_security_headers(client, page_cache_on):
    client.get("/ru/")
    response = client.get("/ru/")
    assert response["X-Cache"] == "hit"
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_each_language_is_cached_under_its_own_url(client, page_cache_on):
    client.get("/ru/")
    response = client.get("/ky/")
    assert response["X-Cache"] == "miss"
    assert 'lang="ky"' in response.content.decode()


def test_head_request_is_served_from_the_cache(client, page_cache_on):
    client.get("/en/")
    assert client.head("/en/")["X-Cache"] == "hit"


def test_cache_is_off_unless_configured(client):
    client.get("/ru/")
    assert "X-Cache" not in client.get("/ru/")


def test_logged_in_editor_never_gets_or_fills_the_cache(admin_client, page_cache_on):
    Client().get("/ru/")
    response = admin_client.get("/ru/")
    assert "X-Cache" not in response
    assert "wagtail-userbar" in response.content.decode()


def test_editor_page_with_userbar_is_not_served_to_visitors(admin_client, page_cache_on):
    admin_client.get("/en/")
    response = Client().get("/en/")
    assert response["X-Cache"] == "miss"
    assert "wagtail-userbar" not in response.content.decode()


def test_admin_is_never_cached(admin_client, page_cache_on):
    admin_client.get("/admin/")
    assert "X-Cache" not in admin_client.get("/admin/")


def test_post_is_never_cached(client, page_cache_on):
    response = client.post("/ru/search/", {"q": "семья"})
    assert "X-Cache" not in response


def test_not_found_page_is_not_stored(client, page_cache_on):
    client.get("/ru/no-such-page/")
    assert client.get("/ru/no-such-page/")["X-Cache"] == "miss"


def test_search_results_are_cached_per_query(client, page_cache_on):
    client.get("/ru/search/?q=семья")
    assert client.get("/ru/search/?q=семья")["X-Cache"] == "hit"
    assert client.get("/ru/search/?q=дети")["X-Cache"] == "miss"


def test_response_that_sets_a_cookie_is_not_stored():
    response = HttpResponse("<p>hello</p>")
    response.set_cookie("csrftoken", "abc")
    assert not page_cache.response_is_cacheable(response)


def test_response_with_a_csrf_token_is_not_stored():
    response = HttpResponse('<input type="hidden" name="csrfmiddlewaretoken" value="x">')
    assert not page_cache.response_is_cacheable(response)


def test_response_showing_a_bound_form_is_not_stored(rf):
    class SearchForm(Form):
        pass

    response = TemplateResponse(rf.get("/ru/"), "404.html", {"form": SearchForm(data={"q": ""})})
    response.content = b"<p>errors</p>"
    assert not page_cache.response_is_cacheable(response)


@pytest.mark.parametrize("cache_control", ["private", "no-cache", "max-age=0, no-store"])
def test_response_marked_private_or_no_store_is_not_stored(cache_control):
    response = HttpResponse("<p>hello</p>")
    response["Cache-Control"] = cache_control
    assert not page_cache.response_is_cacheable(response)


def test_response_varying_on_language_is_not_stored():
    response = HttpResponse("<p>hello</p>")
    response["Vary"] = "Accept-Language, Cookie"
    assert not page_cache.response_is_cacheable(response)


def test_plain_html_response_is_stored():
    assert page_cache.response_is_cacheable(HttpResponse("<p>hello</p>"))


def test_publishing_a_page_purges_the_cache(client, page_cache_on, standard_page):
    url = standard_page.url
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    standard_page.title_ru = "Новый заголовок страницы"
    standard_page.save_revision().publish()
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "Новый заголовок страницы" in response.content.decode()


def test_publishing_any_page_purges_the_home_page_too(client, page_cache_on, standard_page):
    client.get("/ru/")
    standard_page.save_revision().publish()
    assert client.get("/ru/")["X-Cache"] == "miss"


def test_saving_a_draft_keeps_the_cache(client, page_cache_on, standard_page):
    client.get("/ru/")
    standard_page.title_ru = "Черновик"
    standard_page.save_revision()
    assert client.get("/ru/")["X-Cache"] == "hit"


def test_unpublishing_a_page_purges_the_cache(client, page_cache_on, standard_page):
    client.get("/ru/")
    standard_page.unpublish()
    assert client.get("/ru/")["X-Cache"] == "miss"


def test_deleting_a_page_purges_the_cache(client, page_cache_on, home_page):
    page = StandardPageFactory(parent=home_page)
    page.save_revision().publish()
    client.get("/ru/")
    page.delete()
    assert client.get("/ru/")["X-Cache"] == "miss"


def test_moving_a_page_purges_the_cache(client, page_cache_on, home_page):
    from pages.models import StandardPage

    first, second = StandardPage.objects.live().child_of(home_page)[:2]
    client.get("/ru/")
    second.move(first, pos="left")
    assert client.get("/ru/")["X-Cache"] == "miss"


def test_saving_site_settings_purges_the_cache(client, page_cache_on, org_settings):
    client.get("/ru/")
    org_settings.save()
    assert client.get("/ru/")["X-Cache"] == "miss"


def test_saving_a_snippet_purges_the_cache(client, page_cache_on, monkeypatch):
    monkeypatch.setattr("wagtail.snippets.models.get_snippet_models", lambda: [Redirect])
    client.get("/ru/")
    Redirect.objects.create(old_path="/old-snippet-test", redirect_link="/ru/")
    assert client.get("/ru/")["X-Cache"] == "miss"


def test_saving_an_unrelated_model_keeps_the_cache(client, page_cache_on):
    client.get("/ru/")
    Redirect.objects.create(old_path="/old-unrelated", redirect_link="/ru/")
    assert client.get("/ru/")["X-Cache"] == "hit"


def test_purge_bumps_the_generation_shared_through_the_cache(page_cache_on):
    before = page_cache.current_generation()
    page_cache.purge()
    assert cache.get(page_cache.GENERATION_KEY) > before


def test_purge_survives_an_evicted_generation(page_cache_on):
    cache.delete(page_cache.GENERATION_KEY)
    page_cache.purge()
    assert cache.get(page_cache.GENERATION_KEY) is not None


def test_broken_cache_still_serves_the_page(client, page_cache_on, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(page_cache, "current_generation", broken)
    response = client.get("/ru/")
    assert response.status_code == 200
    assert response["X-Cache"] == "miss"


def test_page_preview_never_uses_the_cache(rf, page_cache_on):
    request = rf.get("/ru/")
    request.is_dummy = True
    assert not page_cache.request_is_cacheable(request)


def test_admin_preview_of_a_draft_shows_the_draft_not_the_cached_page(admin_client, page_cache_on, standard_page):
    Client().get(standard_page.url)
    standard_page.title_ru = "Черновик для предпросмотра"
    revision = standard_page.save_revision()
    response = admin_client.get(f"/admin/pages/{standard_page.pk}/revisions/{revision.pk}/view/")
    assert "Черновик для предпросмотра" in response.content.decode()
