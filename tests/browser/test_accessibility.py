"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any page type, in any language or viewport."""

import pytest

from .conftest import LANGUAGES, PAGE_TYPES, assert_accessible, assert_no_horizontal_scroll, open_in_language

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", sorted(PAGE_TYPES))
def test_page_type_has_no_accessibility_violations(reused_page, page_type, language):
    page = reused_page
    response = open_in_language(page, PAGE_TYPES[page_type], language)
    assert response.status == (404 if page_type == "not-found" else 200)
    assert page.locator("html").get_attribute("lang") == language
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
