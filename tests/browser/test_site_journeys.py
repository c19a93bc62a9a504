"""A visitor's journeys through the shared pages, in three languages, on a phone and a desktop."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import LANGUAGES, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser

HOME_TAGLINES = {
    "ru": "Любящий дом для каждого ребёнка",
    "ky": "Ар бир балага сүйүктүү үй",
    "en": "A loving home for every child",
}
ABOUT = {"ru": ("/ru/o-nas/", "О нас"), "ky": ("/ky/biz-zhonundo/", "Биз жөнүндө"), "en": ("/en/about-us/", "About us")}
SWITCHER_LABELS = {"ru": "РУ", "ky": "КЫР", "en": "EN"}


def open_menu_if_collapsed(page):
    toggle = page.locator(".menu-toggle")
    if toggle.is_visible():
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_shows_tagline_and_fits_the_screen(reused_page, language):
    page = reused_page  # these journeys only read the site (tests/browser/conftest.py)
    page.goto(f"/{language}/")
    expect(page.locator("h1")).to_have_text(HOME_TAGLINES[language])
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_switching_language_lands_on_the_same_page(reused_page, language):
    page = reused_page  # these journeys only read the site (tests/browser/conftest.py)
    path, _title = ABOUT[language]
    page.goto(path)
    for other in LANGUAGES:
        if other == language:
            continue
        page.goto(path)
        page.locator(".language-switcher").get_by_role("link", name=re.compile(SWITCHER_LABELS[other])).click()
        other_path, other_title = ABOUT[other]
        expect(page).to_have_url(re.compile(re.escape(other_path) + "$"))
        expect(page.locator("h1")).to_have_text(other_title)


@pytest.mark.parametrize("language", LANGUAGES)
def test_main_navigation_reaches_about_page(reused_page, language):
    page = reused_page  # these journeys only read the site (tests/browser/conftest.py)
    path, title = ABOUT[language]
    page.goto(f"/{language}/")
    open_menu_if_collapsed(page)
    page.locator("#main-nav").get_by_role("link", name=title).click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize(
    ("language", "word", "result"),
    [("ru", "семья", "О нас"), ("ky", "үй-бүлө", "Биз жөнүндө"), ("en", "family", "About us")],
)
def test_search_for_a_word_and_open_a_result(reused_page, language, word, result):
    page = reused_page  # these journeys only read the site (tests/browser/conftest.py)
    page.goto(f"/{language}/")
    open_menu_if_collapsed(page)
    page.locator("#header-search").fill(word)
    page.locator("#header-search").press("Enter")
    expect(page.locator(".search-results")).to_be_visible()
    page.locator(".search-results").get_by_role("link", name=result).click()
    expect(page.locator("h1")).to_have_text(result)


def test_skip_link_is_first_and_moves_focus_to_main(page):
    page.goto("/ru/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_keyboard_focus_is_visible_on_links(page):
    page.goto("/ky/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_phone_menu_opens_from_the_keyboard(browser, site_url, key):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=site_url)
    page = context.new_page()
    page.goto("/en/")
    toggle = page.locator(".menu-toggle")
    expect(page.locator("#main-nav")).to_be_hidden()
    toggle.focus()
    page.keyboard.press(key)
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#main-nav").get_by_role("link", name="About us")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#main-nav")).to_be_hidden()
    expect(toggle).to_be_focused()
    context.close()
