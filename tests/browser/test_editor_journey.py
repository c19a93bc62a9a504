"""An editor logs in to the Wagtail admin, changes a page's Kyrgyz title, publishes, and sees it live."""

import re
import time

import pytest
from playwright.sync_api import expect

from .conftest import DEV_USER, wait_for_autosave, watch_autosave

pytestmark = pytest.mark.browser

PRIVACY_KY = "/ky/kupuyalyk-sayasaty/"


def test_editor_changes_kyrgyz_title_and_sees_it_on_the_site(browser, site_url):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=site_url)
    watch_autosave(context)
    page = context.new_page()
    page.goto("/admin/login/")
    page.locator("#id_username").fill(DEV_USER[0])
    page.locator("#id_password").fill(DEV_USER[1])
    page.locator("form").get_by_role("button").last.click()
    expect(page).to_have_url(re.compile("/admin/$"))

    page.goto(PRIVACY_KY)
    edit_url = page.evaluate(
        """() => {
            const userbar = document.querySelector("wagtail-userbar");
            const root = userbar && (userbar.shadowRoot || userbar);
            const link = root && root.querySelector('a[href*="/edit/"]');
            return link ? link.getAttribute("href") : null;
        }"""
    )
    assert edit_url and re.search(r"/admin/pages/\d+/edit/", edit_url), edit_url
    page.goto(edit_url)

    new_title = f"Купуялык саясаты ({int(time.time())})"
    title_ky = page.locator("#id_title_ky")
    expect(title_ky).to_be_visible()
    title_ky.fill(new_title)
    wait_for_autosave(page)
    page.locator("footer, .footer").get_by_role("button", name=re.compile("Ещё|More|actions", re.I)).first.click()
    page.get_by_role("button", name=re.compile("Опубликовать|Publish")).first.click()
    expect(page.locator(".messages")).to_contain_text(re.compile("опубликована|published", re.I))

    page.goto(PRIVACY_KY)
    expect(page.locator("h1")).to_have_text(new_title)
    context.close()
