"""Screenshots of every page type in three languages and two viewports.

`make screenshots` runs this with SCREENSHOTS_DIR=screenshots (git-ignored) so anyone can look at
the site without a browser; in the normal suite the files go to a temporary folder, and as nobody looks at
them there, each is of the first screen only: the same pages opened and checked, the same PNG files written,
without the cost of laying out and encoding each page's full height (a tall page is several screens).
"""

import os
from pathlib import Path

import pytest

from .conftest import LANGUAGES, PAGE_TYPES, VIEWPORTS, open_in_language

pytestmark = pytest.mark.browser

# Whole pages for `make screenshots`, the first screen in the normal suite (see above).
FULL_PAGE = bool(os.environ.get("SCREENSHOTS_DIR"))


@pytest.fixture(scope="module")
def screenshots_dir(tmp_path_factory):
    target = os.environ.get("SCREENSHOTS_DIR")
    path = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("viewport_name", sorted(VIEWPORTS))
def test_screenshot_every_page_type(browser, site_url, screenshots_dir, viewport_name):
    context = browser.new_context(viewport=VIEWPORTS[viewport_name], base_url=site_url)
    page = context.new_page()
    for page_type, path in sorted(PAGE_TYPES.items()):
        for language in LANGUAGES:
            open_in_language(page, path, language)
            page.wait_for_load_state("load")
            target = screenshots_dir / f"{page_type}--{language}--{viewport_name}.png"
            page.screenshot(path=str(target), full_page=FULL_PAGE)
            assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    context.close()


# The pages a visitor sees after sending a form, in each language (any well-formed reference shows the
# general thank-you page by GET).
AFTER_FORM_PAGES = {
    "thank-you": {
        "ru": "/ru/pomoch-seychas/thank-you/23456789AB/",
        "ky": "/ky/azyr-zhardam-korsotuu/thank-you/23456789AB/",
        "en": "/en/help-now/thank-you/23456789AB/",
    },
    "report-sent": {
        "ru": "/ru/soobshchit-o-narushenii/sent/",
        "ky": "/ky/tynchsyzdanuu-tuuraluu-bildiruu/sent/",
        "en": "/en/report-a-concern/sent/",
    },
}


@pytest.mark.parametrize("viewport_name", sorted(VIEWPORTS))
def test_screenshot_the_pages_after_a_form(browser, site_url, screenshots_dir, viewport_name):
    context = browser.new_context(viewport=VIEWPORTS[viewport_name], base_url=site_url)
    page = context.new_page()
    for page_type, paths in sorted(AFTER_FORM_PAGES.items()):
        for language in LANGUAGES:
            response = page.goto(paths[language])
            assert response.status == 200, paths[language]
            assert page.locator("html").get_attribute("lang") == language
            target = screenshots_dir / f"{page_type}--{language}--{viewport_name}.png"
            page.screenshot(path=str(target), full_page=FULL_PAGE)
            assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    context.close()
