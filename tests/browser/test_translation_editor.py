"""A translator's journey in the Russian admin: write a page in Russian, switch to Kyrgyz, read the
Russian source, copy the body's structure, translate it in place, publish, and read it on /ky/.

The editor in Kyrgyz mode is saved as two PNGs (the switch with the sources, the body after the copy):
to EDITOR_GUIDE_SCREENSHOTS (docs/images) when it is set, otherwise to a temporary folder.
"""

import io
import os
import re
import time
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from .conftest import DEV_USER, wait_for_autosave, watch_autosave

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1366, "height": 900}
HEADING_RU = "Как мы работаем"
PARAGRAPH_RU = "Мы поддерживаем семьи, чтобы дети росли дома."
HEADING_KY = "Биз кантип иштейбиз"
PARAGRAPH_KY = "Балдар үйдө чоңойсун деп үй-бүлөлөрдү колдойбуз."


@pytest.fixture
def screenshots_dir(tmp_path):
    target = os.environ.get("EDITOR_GUIDE_SCREENSHOTS")
    path = Path(target) if target else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def save(tab, directory, name):
    """The viewport as ``name``.png, reduced to a 256-colour palette like the guide's other pictures."""
    png = Image.open(io.BytesIO(tab.screenshot(animations="disabled")))
    png.convert("RGB").quantize(colors=256).save(directory / f"{name}.png", optimize=True)


def sign_in(tab):
    tab.goto("/admin/login/")
    tab.locator("#id_username").fill(DEV_USER[0])
    tab.locator("#id_password").fill(DEV_USER[1])
    tab.locator("form").get_by_role("button", name="Войти").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))


def home_page_id(tab):
    tab.goto("/ru/")
    edit_url = tab.evaluate(
        """() => {
            const userbar = document.querySelector("wagtail-userbar");
            const root = userbar && (userbar.shadowRoot || userbar);
            const link = root && root.querySelector('a[href*="/edit/"]');
            return link ? link.getAttribute("href") : null;
        }"""
    )
    return re.search(r"/admin/pages/(\d+)/edit/", edit_url).group(1)


def insert_block(tab, section, label):
    """Append a block of type ``label`` at the end of the StreamField in ``section``."""
    section.get_by_role("button", name="Вставить блок").last.click()
    tab.get_by_role("option", name=label, exact=True).click()


def type_rich_text(section, text):
    """Replace the text of the last Draftail editor in ``section`` by typing, as a person does."""
    editor = section.locator("[contenteditable='true']").last
    editor.click()
    if editor.inner_text().strip():
        editor.press("Control+a")
        editor.press("Delete")
    editor.press_sequentially(text)
    # Draftail writes its hidden input a moment after the last key press.
    expect(section.locator("input[type='hidden'][name$='-value']").last).to_have_value(re.compile(re.escape(text)))


def test_translator_copies_the_russian_body_and_publishes_it_in_kyrgyz(browser, site_url, screenshots_dir):
    context = browser.new_context(locale="ru-RU", viewport=VIEWPORT, base_url=site_url)
    context.set_default_timeout(15000)
    watch_autosave(context)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(tab)
    stamp = int(time.time())
    title_ru = f"Наша работа {stamp}"
    title_ky = f"Биздин иш {stamp}"

    tab.goto(f"/admin/pages/add/pages/standardpage/{home_page_id(tab)}/")
    switch = tab.get_by_role("group", name="Язык полей")
    switch.get_by_role("button", name="Русский").click()
    expect(tab.locator("#id_title_ky")).to_be_hidden()
    tab.locator("#id_title_ru").fill(title_ru)
    body_ru = tab.locator("section[id$='-body_ru-section']")
    insert_block(tab, body_ru, "Заголовок")
    body_ru.locator("input[name$='-value-text']").fill(HEADING_RU)
    insert_block(tab, body_ru, "Абзац")
    type_rich_text(body_ru, PARAGRAPH_RU)
    wait_for_autosave(tab)  # the autosave created the page: the form is now its edit form
    expect(tab).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    tab.locator("footer").get_by_role("button", name="Сохранить черновик").click()
    expect(tab.locator(".messages")).to_contain_text(f"Страница '{title_ru}' обновлена.")

    switch.get_by_role("button", name="Кыргызча").click()
    expect(tab.locator("#id_title_ru")).to_be_hidden()
    source = tab.locator("[data-source-for='body_ky']")
    expect(source).to_contain_text("Русский оригинал")
    expect(source).to_contain_text(HEADING_RU)
    expect(source).to_contain_text(PARAGRAPH_RU)
    expect(tab.locator("[data-source-for='title_ky']")).to_contain_text(title_ru)
    save(tab, screenshots_dir, "14-translation-switch")

    source.get_by_role("button", name="Скопировать из русского").click()
    expect(tab.locator(".messages")).to_contain_text("скопировано из русского")
    body_ky = tab.locator("section[id$='-body_ky-section']")
    expect(tab.locator("section[id$='-body_ru-section']")).to_be_hidden()
    heading_ky = body_ky.locator("input[name$='-value-text']")
    expect(heading_ky).to_have_value(HEADING_RU)
    expect(body_ky.locator("[contenteditable='true']")).to_contain_text(PARAGRAPH_RU)

    tab.locator("#id_title_ky").fill(title_ky)
    heading_ky.fill(HEADING_KY)
    type_rich_text(body_ky, PARAGRAPH_KY)
    source.evaluate("element => element.scrollIntoView({block: 'start'})")
    tab.evaluate("() => window.scrollBy(0, -90)")  # the heading of the field under the admin's sticky header
    save(tab, screenshots_dir, "15-copy-from-russian")

    wait_for_autosave(tab)
    edit_url = tab.url
    footer = tab.locator("footer")
    footer.get_by_role("button", name="Больше действий").click()
    footer.get_by_role("button", name="Опубликовать").click()
    expect(tab.locator(".messages")).to_contain_text(re.compile("опубликована", re.I))

    tab.goto(edit_url)
    slug_ky = tab.locator("#id_slug_ky").input_value()
    # The switch remembered Kyrgyz for this user; give the other admin tests their default back.
    with tab.expect_response(re.compile("/admin/translation-editor/language/$")) as answer:
        switch.get_by_role("button", name="Все языки").click()
    assert answer.value.ok
    assert slug_ky, "the Kyrgyz slug was not made from the Kyrgyz title"
    tab.goto(f"/ky/{slug_ky}/")
    expect(tab.locator("h1")).to_have_text(title_ky)
    expect(tab.locator("main")).to_contain_text(HEADING_KY)
    expect(tab.locator("main")).to_contain_text(PARAGRAPH_KY)
    expect(tab.locator("main")).not_to_contain_text(PARAGRAPH_RU)
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"
