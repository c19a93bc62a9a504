"""The office map as drawn by Chromium on a phone: Issyk-Kul is there, and no place name is crossed by the
border, the lake shore or another name. The boxes are the rendered text's own (getBBox), in the drawing's
units, checked against the very segments the server drew."""

import pytest

from offices import geo
from offices.map_labels import Box

from .conftest import LANGUAGES, VIEWPORTS, open_in_language

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", ["/en/our-offices/", "/en/our-offices/head-office/"])
def test_phone_map_labels_are_crossed_by_no_border_and_no_other_label(browser, site_url, path, language):
    context = browser.new_context(viewport=VIEWPORTS["phone"], base_url=site_url)
    tab = context.new_page()
    open_in_language(tab, path, language)
    tab.wait_for_load_state("load")
    drawn = tab.evaluate(
        """() => ({
            lakes: document.querySelectorAll(".office-map__lake").length,
            labels: [...document.querySelectorAll(".office-map__label")].map((text) => {
                const box = text.getBBox();
                return {text: text.textContent, box: [box.x, box.y, box.x + box.width, box.y + box.height]};
            }),
        })"""
    )
    context.close()
    assert drawn["lakes"] == 1
    assert drawn["labels"]
    segments = geo.kyrgyzstan().segments
    boxes = [(label["text"], Box(*label["box"])) for label in drawn["labels"]]
    for name, box in boxes:
        assert not any(box.crosses(start, end) for start, end in segments), f"{name} is crossed by a border"
        others = [other for other_name, other in boxes if other_name != name]
        assert not any(box.overlaps(other) for other in others), f"{name} overlaps another label"
