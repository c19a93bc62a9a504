"""A real Varnish (Debian's varnishd, the repository's deploy/varnish/default.vcl) in front of a live server.

Without varnishd these tests skip with one line, except in CI (CI=true), where they fail.
"""

import http.client
import os
import time
import urllib.error
import urllib.request

import pytest

from tests.proxy.varnish import VARNISHD, Varnish

if not os.path.exists(VARNISHD):
    if os.environ.get("CI", "").lower() == "true":
        raise RuntimeError("varnishd not found: apt-get install varnish")
    pytest.skip("varnishd not found (apt-get install varnish)", allow_module_level=True)

pytestmark = pytest.mark.django_db(transaction=True)


def get(url, cookie=None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def wait_for(url, predicate, seconds):
    """Seconds until a GET of ``url`` satisfies ``predicate``, or None after ``seconds``."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if predicate(*get(url)):
            return time.monotonic() - start
        time.sleep(0.02)
    return None


@pytest.fixture
def proxy(live_server, settings, tree_root):
    """Varnish on a free port in front of the live server; the site's address is the proxy's."""
    from wagtail.models import Site

    from pages import frontend_cache
    from pages.demo import ensure_home_page

    host, port = live_server.url.removeprefix("http://").split(":")
    varnish = Varnish([(host, int(port))]).start()
    settings.FRONTEND_CACHE_SECONDS = 600
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "pages.frontend_cache.VarnishBackend", "LOCATION": varnish.url}
    }
    frontend_cache.connect_signals()
    home = ensure_home_page()
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=varnish.port, root_page=home)
    yield varnish
    varnish.stop()


@pytest.fixture
def page(proxy):
    from pages.models import HomePage
    from tests.factories import StandardPageFactory

    return StandardPageFactory(
        parent=HomePage.objects.get(),
        slug_ru="proksi",
        slug_ky="proksi-barak",
        slug_en="proxy-page",
        show_in_menus=False,
    )


def test_public_page_is_served_from_varnish_the_second_time(proxy, page):
    first = get(f"{proxy.url}/ky/proksi-barak/")
    second = get(f"{proxy.url}/ky/proksi-barak/")
    assert first[0] == second[0] == 200, first[2][:3000]
    assert first[1]["X-Proxy-Cache"] == "miss"
    assert second[1]["X-Proxy-Cache"] == "hit"


def test_publish_is_visible_through_the_proxy_within_a_second_in_every_language(proxy, page):
    urls = {"ru": "/ru/proksi/", "ky": "/ky/proksi-barak/", "en": "/en/proxy-page/"}
    for path in urls.values():
        get(proxy.url + path)
        assert get(proxy.url + path)[1]["X-Proxy-Cache"] == "hit"
    page.title_ru, page.title_ky, page.title_en = "Новое о нас", "Биз жөнүндө жаңы", "New about us"
    page.save_revision().publish()
    for code, title in (("ru", "Новое о нас"), ("ky", "Биз жөнүндө жаңы"), ("en", "New about us")):
        seconds = wait_for(proxy.url + urls[code], lambda status, headers, body, t=title: t in body, 1.0)
        assert seconds is not None, f"{code}: the new title did not appear through the proxy within a second"


def test_publish_refreshes_the_home_page_that_lists_it(proxy, page):
    get(f"{proxy.url}/en/")
    assert get(f"{proxy.url}/en/")[1]["X-Proxy-Cache"] == "hit"
    page.save_revision().publish()
    assert get(f"{proxy.url}/en/")[1]["X-Proxy-Cache"] == "miss"


def test_publish_refreshes_the_listing_kept_with_a_query_string(proxy, page):
    get(f"{proxy.url}/en/?utm_source=appeal")
    assert get(f"{proxy.url}/en/?utm_source=appeal")[1]["X-Proxy-Cache"] == "hit"
    page.save_revision().publish()
    assert get(f"{proxy.url}/en/?utm_source=appeal")[1]["X-Proxy-Cache"] == "miss"


def test_unpublish_is_a_404_through_the_proxy(proxy, page):
    assert get(f"{proxy.url}/en/proxy-page/")[0] == 200
    assert get(f"{proxy.url}/en/proxy-page/")[1]["X-Proxy-Cache"] == "hit"
    page.unpublish()
    assert wait_for(f"{proxy.url}/en/proxy-page/", lambda status, headers, body: status == 404, 1.0) is not None


def test_settings_save_purges_everything(proxy, page):
    from wagtail.models import Site

    from pages.models import OrganisationSettings

    paths = ["/ru/", "/ky/proksi-barak/", "/en/proxy-page/"]
    for path in paths:
        get(proxy.url + path)
    assert all(get(proxy.url + path)[1]["X-Proxy-Cache"] == "hit" for path in paths)
    settings = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.name_en = "SOS Children's Villages Kyrgyzstan (renamed)"
    settings.save()
    assert [get(proxy.url + path)[1]["X-Proxy-Cache"] for path in paths] == ["miss", "miss", "miss"]


def test_signed_in_editor_passes_through_the_proxy(proxy, page):
    get(f"{proxy.url}/en/proxy-page/")
    status, headers, _body = get(f"{proxy.url}/en/proxy-page/", cookie="sessionid=abc")
    assert status == 200
    assert headers["X-Proxy-Cache"] == "pass"


def test_visitor_with_a_csrf_cookie_gets_the_cached_page(proxy, page):
    get(f"{proxy.url}/en/proxy-page/")
    status, headers, _body = get(f"{proxy.url}/en/proxy-page/", cookie="csrftoken=" + "x" * 32)
    assert status == 200
    assert headers["X-Proxy-Cache"] == "hit"


def test_not_found_is_not_kept_by_the_proxy(proxy, page):
    get(f"{proxy.url}/en/nothing-here/")
    status, headers, _body = get(f"{proxy.url}/en/nothing-here/")
    assert status == 404
    assert headers["X-Proxy-Cache"] == "pass"


def test_purge_from_another_address_is_refused(proxy, page):
    get(f"{proxy.url}/en/proxy-page/")
    connection = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=5, source_address=("127.0.0.2", 0))
    connection.request("PURGE", "/en/proxy-page/", headers={"Host": f"127.0.0.1:{proxy.port}"})
    assert connection.getresponse().status == 405
    assert get(f"{proxy.url}/en/proxy-page/")[1]["X-Proxy-Cache"] == "hit"
