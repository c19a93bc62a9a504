"""Private means private: a page with a view restriction (its own or an ancestor's) leaves the site search, the
menus, the footer, the home page's cards and the listings at once, without republishing."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from pages import cache, search
from pages.models import SearchEntry, StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def about_page():
    return StandardPage.objects.get(slug_en="about-us")


def titles(query, language):
    return [result.title for result in search.search(query, language)]


def restrict(page, kind=PageViewRestriction.LOGIN):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind)


def test_making_a_page_private_removes_it_from_the_search_at_once():
    restrict(about_page(), PageViewRestriction.PASSWORD)
    assert "About us" not in titles("family", "en")
    assert not SearchEntry.objects.filter(page=about_page()).exists()


def test_making_a_page_public_again_brings_it_back_to_the_search():
    restriction = restrict(about_page())
    restriction.delete()
    assert "About us" in titles("family", "en")


def test_children_of_a_private_page_leave_the_search_too(home_page):
    parent = StandardPageFactory(parent=home_page, title_en="Staff area", slug_en="staff-area")
    child = StandardPageFactory(parent=parent, title_en="Rota", slug_en="rota", introduction_en="Zebracrossing rota")
    child.save_revision().publish()
    assert titles("zebracrossing", "en") == ["Rota"]
    group_restriction = PageViewRestriction.objects.create(page=parent, restriction_type=PageViewRestriction.GROUPS)
    group_restriction.groups.set([Group.objects.get(name="Editors")])
    assert titles("zebracrossing", "en") == []


def test_a_stale_index_entry_of_a_private_page_is_never_shown():
    """Even if an entry lingers (restriction added by a raw import), the search filters private pages."""
    PageViewRestriction.objects.bulk_create([PageViewRestriction(page=about_page(), restriction_type="login")])
    assert SearchEntry.objects.filter(page=about_page()).exists()
    assert "About us" not in titles("family", "en")


def test_private_page_leaves_the_main_menu(client):
    restrict(about_page())
    html = client.get("/en/").content.decode()
    assert 'href="/en/about-us/"' not in html


def test_private_page_leaves_the_home_page_cards(client):
    assert "/en/about-us/" in client.get("/en/").content.decode()
    restrict(about_page())
    assert "/en/about-us/" not in client.get("/en/").content.decode()


def test_private_privacy_page_leaves_the_footer(client, org_settings):
    privacy = org_settings.privacy_page
    url = privacy.specific.get_translated_urls()["en"]
    assert url in client.get("/en/").content.decode()
    restrict(privacy)
    assert url not in client.get("/en/").content.decode()


def test_changing_privacy_purges_the_page_cache():
    before = cache.current_generation()
    restriction = restrict(about_page())
    after_restricting = cache.current_generation()
    restriction.delete()
    assert before < after_restricting < cache.current_generation()
