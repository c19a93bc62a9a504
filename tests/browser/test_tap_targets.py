"""Every tap target is at least 24 by 24 CSS pixels (WCAG 2.2 SC 2.5.8), and the phone header is one row
plus the language switcher.

Measured in Chromium with getBoundingClientRect on every page type, in ru/ky/en, on a 390 px phone and a
desktop. Targets: links, buttons, form fields, <summary>. The SC's inline exception is applied as it is
written — "the target is in a sentence": a link laid out inline whose block (paragraph, list item,
address, caption, …) has text of its own outside any target. A link alone in its list item or a button is
never exempt. Hidden targets (display:none, visibility:hidden, the 1 px visually-hidden pattern) are
not measured; the skip link is, though it sits off-screen until focused.
"""

from pathlib import Path

import pytest

from .conftest import LANGUAGES, PAGE_TYPES, VIEWPORTS, open_in_language

pytestmark = pytest.mark.browser

MINIMUM = 24
# A phone header of one row (logo, name, menu button) plus the language switcher row with "Help now".
PHONE_HEADER_MAX_HEIGHT = 110

MEASURE_TARGETS = (Path(__file__).resolve().parent / "tap_targets.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", sorted(PAGE_TYPES))
def test_every_tap_target_is_at_least_24_css_pixels(reused_page, page_type, language):
    page = reused_page
    response = open_in_language(page, PAGE_TYPES[page_type], language)
    assert response.status == (404 if page_type == "not-found" else 200)
    page.wait_for_load_state("load")
    result = page.evaluate(MEASURE_TARGETS, MINIMUM)
    assert result["measured"] > 5, f"too few targets measured on {page.url}"
    assert result["offenders"] == [], f"tap targets under {MINIMUM}x{MINIMUM} px on {page.url}:\n" + "\n".join(
        result["offenders"]
    )


def test_the_inline_exception_covers_a_link_in_a_sentence_but_not_a_link_alone(browser):
    """The exemption itself: a small link inside a paragraph's sentence passes, the same link alone fails."""
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    tab = context.new_page()
    tab.set_content(
        '<p>Read <a href="#a" style="font-size:10px;line-height:1">the report</a> first.</p>'
        '<ul><li><a href="#b" style="font-size:10px;line-height:1">Alone</a></li></ul>'
        '<button style="font-size:10px;padding:0;line-height:1">Go</button>'
        '<a class="visually-hidden" href="#c" style="position:absolute;width:1px;height:1px;overflow:hidden">x</a>'
    )
    result = tab.evaluate(MEASURE_TARGETS, MINIMUM)
    context.close()
    assert result["measured"] == 2
    assert [offender.split(" ")[0] for offender in result["offenders"]] == ["a", "button"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", ["home", "office", "donate"])
@pytest.mark.parametrize("viewport", ["phone"])  # the phone's shared tab (tests/browser/conftest.py)
def test_phone_header_is_one_row_plus_the_language_switcher(reused_page, viewport, page_type, language):
    tab = reused_page
    open_in_language(tab, PAGE_TYPES[page_type], language)
    tab.wait_for_load_state("load")
    header = tab.evaluate(
        """() => {
            const box = (selector) => document.querySelector(selector)?.getBoundingClientRect();
            const visible = (el) =>
                el.getBoundingClientRect().height > 0 && getComputedStyle(el).visibility !== "hidden";
            const help = [...document.querySelectorAll("a.button--help")].filter(
                (el) => visible(el) && el.getBoundingClientRect().top < window.innerHeight);
            return {height: box(".site-header").height, menu: box(".menu-toggle").height,
                    switcher: box(".language-switcher").bottom, helpOnFirstScreen: help.length};
        }"""
    )
    assert header["height"] <= PHONE_HEADER_MAX_HEIGHT, header
    assert header["menu"] >= MINIMUM
    assert header["switcher"] <= header["height"]
    assert header["helpOnFirstScreen"] == 1, header


def test_without_javascript_the_phone_navigation_is_shown_and_the_toggle_hidden(browser, site_url):
    context = browser.new_context(viewport=VIEWPORTS["phone"], base_url=site_url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/en/")
    assert tab.locator("#main-nav a").first.is_visible()
    assert not tab.locator(".menu-toggle").is_visible()
    context.close()
