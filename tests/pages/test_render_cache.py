"""The render cache (sites, settings, menus, routes kept per process) follows editors' changes at once, and
never carries anything from one language or one visitor to another."""

import pytest
from wagtail.models import Page, PageViewRestriction, Site

from pages import render_cache
from pages.models import StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def html(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def menu(page_html):
    return page_html.split('id="main-nav"', 1)[1].split("</nav>", 1)[0]


def test_a_second_request_reads_site_settings_and_menu_from_the_render_cache(client, django_assert_num_queries):
    html(client, "/ru/o-nas/")
    with django_assert_num_queries(1):  # the page itself
        html(client, "/ru/o-nas/")


def test_a_published_menu_page_appears_in_the_menu_at_once(client, home_page):
    assert "Новый раздел" not in menu(html(client, "/ru/"))
    StandardPageFactory(parent=home_page, show_in_menus=True, title_ru="Новый раздел").save_revision().publish()
    assert "Новый раздел" in menu(html(client, "/ru/"))


def test_a_renamed_menu_page_shows_its_new_title_once_published(client):
    page = StandardPage.objects.get(slug_ru="o-nas")
    assert page.title_ru in menu(html(client, "/ru/"))
    page.title_ru = "О нас сегодня"
    page.save_revision()
    assert "О нас сегодня" not in menu(html(client, "/ru/")), "a draft must not reach the menu"
    page.get_latest_revision().publish()
    assert "О нас сегодня" in menu(html(client, "/ru/"))


def test_an_unpublished_menu_page_leaves_the_menu(client):
    page = StandardPage.objects.get(slug_ru="o-nas")
    assert f'href="{page.url}"' in menu(html(client, "/ru/"))
    page.unpublish()
    assert f'href="{page.url}"' not in menu(html(client, "/ru/"))


def test_a_moved_page_is_found_at_its_new_address(client, home_page):
    parent = StandardPageFactory(parent=home_page, title_ru="Родитель", slug_ru="roditel")
    parent.save_revision().publish()
    child = StandardPageFactory(parent=home_page, title_ru="Ребёнок", slug_ru="rebyonok")
    child.save_revision().publish()
    assert client.get("/ru/rebyonok/").status_code == 200
    child.move(parent, pos="last-child")
    assert client.get("/ru/rebyonok/")["Location"] == "/ru/roditel/rebyonok/"  # the redirect made on move
    assert client.get("/ru/roditel/rebyonok/").status_code == 200


def test_saved_settings_show_at_once(client, org_settings):
    assert "Новое имя организации" not in html(client, "/ru/o-nas/")
    org_settings.name_ru = "Новое имя организации"
    org_settings.save()
    assert "Новое имя организации" in html(client, "/ru/o-nas/")


def test_a_new_view_restriction_closes_the_page_at_once(client):
    page = Page.objects.get(slug_ru="o-nas")
    assert client.get("/ru/o-nas/").status_code == 200
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/ru/o-nas/").status_code == 302
    assert f'href="{page.url}"' not in menu(html(client, "/ru/"))


def test_a_changed_site_is_read_again(client):
    site = Site.objects.get(is_default_site=True)
    html(client, "/ru/")
    site.site_name = "Renamed"
    site.save()
    html(client, "/ru/")
    assert render_cache.values(None).get(("site", "testserver", "80")).site_name == "Renamed"


def test_menu_titles_follow_the_language_of_each_request(client):
    ru, en, ky = (menu(html(client, path)) for path in ("/ru/", "/en/", "/ky/"))
    about = StandardPage.objects.get(slug_ru="o-nas")
    assert about.title_ru in ru and about.title_ru not in en
    assert about.title_en in en and about.title_en not in ru
    assert about.title_ky in ky and f'href="/ky/{about.slug_ky}/"' in ky


def test_head_office_contacts_follow_the_language(client, org_settings):
    contacts = {}
    for code in ("ru", "en"):
        page_html = html(client, f"/{code}/")
        contacts[code] = page_html.split('class="contact-list"', 1)[1].split("</address>", 1)[0]
    assert contacts["ru"] != contacts["en"]
    assert contacts["ru"] == html(client, "/ru/").split('class="contact-list"', 1)[1].split("</address>", 1)[0]


def test_the_editor_userbar_is_shown_to_an_editor_only(client, superuser):
    html(client, "/ru/o-nas/")  # fills the render cache anonymously
    client.force_login(superuser)
    assert "wagtail-userbar" in html(client, "/ru/o-nas/")
    client.logout()
    assert "wagtail-userbar" not in html(client, "/ru/o-nas/")


def test_a_broken_shared_cache_renders_fresh_pages(client, monkeypatch):
    from pages import cache as page_cache

    def broken():
        raise ConnectionError("redis down")

    monkeypatch.setattr(page_cache, "current_generation", broken)
    assert "<html" in html(client, "/ru/o-nas/")
    assert render_cache.values(None) == {}


def current_menu_links(page_html):
    return [part.split('"', 1)[0] for part in menu(page_html).split('<a href="')[1:] if 'aria-current="page"' in part]


def test_the_menu_marks_the_section_of_each_page(client, home_page):
    """The menu's HTML is kept per current section: each page still marks its own."""
    about = StandardPage.objects.get(slug_ru="o-nas")
    child = StandardPageFactory(parent=about, title_ru="Подстраница", slug_ru="podstranica")
    child.save_revision().publish()
    assert current_menu_links(html(client, "/ru/")) == []
    assert current_menu_links(html(client, "/ru/o-nas/")) == [about.url]
    assert current_menu_links(html(client, "/ru/o-nas/podstranica/")) == [about.url]
    assert current_menu_links(html(client, "/ru/search/?q=sos")) == []
    assert current_menu_links(html(client, "/ru/o-nas/")) == [about.url]


def test_the_brand_link_is_current_on_the_home_page_only(client):
    brand = 'class="brand" href="/ru/" aria-current="page"'
    assert brand in html(client, "/ru/")
    assert brand not in html(client, "/ru/o-nas/")
    assert brand in html(client, "/ru/")


def test_a_home_page_edit_shows_once_published(client, home_page):
    html(client, "/ru/")
    home_page.hero_heading_ru = "Новый заголовок главной"
    home_page.save_revision()
    assert "Новый заголовок главной" not in html(client, "/ru/"), "a draft must not reach the home page"
    home_page.get_latest_revision().publish()
    assert "Новый заголовок главной" in html(client, "/ru/")


def test_a_renamed_section_shows_in_search_results_at_once(client, home_page):
    section = StandardPageFactory(parent=home_page, title_ru="Раздел для поиска", slug_ru="razdel")
    section.save_revision().publish()
    child = StandardPageFactory(parent=section, title_ru="Страница про хомяков", slug_ru="khomyaki")
    child.save_revision().publish()
    assert "Раздел для поиска" in html(client, "/ru/search/?q=хомяков")
    section.title_ru = "Переименованный раздел"
    section.save_revision().publish()
    assert "Переименованный раздел" in html(client, "/ru/search/?q=хомяков")


def test_a_changed_legal_name_shows_in_the_footer_at_once(client, org_settings):
    footer = html(client, "/ru/o-nas/").split('class="site-footer"', 1)[1]
    assert "Новое юридическое имя" not in footer
    org_settings.legal_name_ru = "Новое юридическое имя"
    org_settings.save()
    assert "Новое юридическое имя" in html(client, "/ru/o-nas/").split('class="site-footer"', 1)[1]
