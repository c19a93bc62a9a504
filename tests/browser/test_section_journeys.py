"""Visitors' journeys through the sections: a report download, an office's phone, a pledge.

Each runs in ru, ky and en, on a phone and a desktop viewport.
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import LANGUAGES, assert_accessible, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser

ADVOCACY = {"ru": "Правозащитная деятельность", "ky": "Коомдук-укуктук иш чара", "en": "Advocacy"}
OFFICES = {"ru": "Наши офисы", "ky": "Биздин кеңселер", "en": "Our offices"}
HELP_NOW = {"ru": "Помочь сейчас", "ky": "Азыр жардам көрсөтүү", "en": "Help now"}


def open_menu_if_collapsed(page):
    toggle = page.locator(".menu-toggle")
    if toggle.is_visible():
        toggle.click()


def go_to_section(page, language, names):
    page.goto(f"/{language}/")
    open_menu_if_collapsed(page)
    page.locator("#main-nav").get_by_role("link", name=names[language]).click()
    expect(page.locator("h1")).to_have_text(names[language])
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor_reaches_advocacy_and_downloads_a_research_report(reused_page, language):
    page = reused_page  # these journeys only read the site (tests/browser/conftest.py)
    go_to_section(page, language, ADVOCACY)
    page.locator("main .card__title a[href*='/" + language + "/'][href$='/']").last.click()
    download_link = page.locator("a[download][href*='/documents/']").first
    expect(download_link).to_be_visible()
    assert_no_horizontal_scroll(page)
    response = page.request.get(download_link.get_attribute("href"))
    assert response.status == 200
    assert response.body()[:5] == b"%PDF-"


@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor_finds_an_office_and_its_phone_link(reused_page, language):
    page = reused_page  # these journeys only read the site (tests/browser/conftest.py)
    go_to_section(page, language, OFFICES)
    phone = page.locator("main a[href^='tel:']").first
    expect(phone).to_be_visible()
    assert phone.get_attribute("href") == "tel:+996312611546"
    page.locator("main h2 a, main h3 a").first.click()
    expect(page.locator("main a[href^='tel:']").first).to_be_visible()
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor_pledges_from_help_now_and_sees_the_reference(page, language):
    page.goto(f"/{language}/")
    page.locator(".site-header").get_by_role("link", name=HELP_NOW[language]).click()
    expect(page.locator("#pledge-form")).to_be_visible()
    page.locator("label[for='id_amount_KGS_1']").click()
    page.locator("#id_donor_name").fill("Айгүл Асанова")
    page.locator("#id_email").fill(f"donor-{language}@example.org")
    page.locator("label[for='id_consent']").click()
    page.wait_for_timeout(1100)
    page.locator("#pledge-form").get_by_role("button").last.click()
    expect(page).to_have_url(re.compile(r"/thank-you/"))
    reference = page.locator(".reference-box__value")
    expect(reference).to_be_visible()
    assert re.fullmatch(r"[0-9A-Z-]{6,}", reference.inner_text().strip())
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_pledge_form_with_errors_is_accessible(page, language):
    page.goto(f"/{language}/")
    page.locator(".site-header").get_by_role("link", name=HELP_NOW[language]).click()
    page.locator("#id_email").fill("not-an-email")
    page.wait_for_timeout(1100)
    page.locator("#pledge-form").get_by_role("button").last.click()
    expect(page.locator("[aria-invalid='true']").first).to_be_visible()
    assert_accessible(page)
