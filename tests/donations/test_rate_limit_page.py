"""The donate page's 429 page keeps a valid heading outline (h1, then h2, then h3)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def main_heading_levels(html):
    main = html[html.index("<main") : html.index("</main>")]
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_rate_limited_page_headings_go_down_one_level_at_a_time(post_pledge, settings, language):
    settings.DONATIONS_PLEDGE_RATE_LIMIT = 0
    response = post_pledge(language=language)
    assert response.status_code == 429
    levels = main_heading_levels(response.content.decode())
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))
    assert 2 in levels


def test_rate_limited_page_has_a_description_and_stays_noindex(post_pledge, settings):
    settings.DONATIONS_PLEDGE_RATE_LIMIT = 0
    html = post_pledge(language="en").content.decode()
    assert '<meta name="description" content="' in html
    assert '<meta name="robots" content="noindex">' in html
