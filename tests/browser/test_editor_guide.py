"""The screens of the editors' guide (docs/editors.md), opened in the Russian admin as staff see it.

Each test opens one screen the guide shows, checks that what the guide describes is there (a heading,
a field, a button, an error message) and saves a PNG of it. `make docs-screenshots` runs this module with
EDITOR_GUIDE_SCREENSHOTS=docs/images, which regenerates the guide's pictures; in the normal suite the
files go to a temporary folder. PNGs are reduced to a 256-colour palette to keep the repository small.

The tests change the browser-test server's database only in ways other tests do not see: a draft (never
published) report and one uploaded image with a recorded consent.
"""

import datetime
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
LOCALE = "ru-RU"
SHOWS_CHILDREN = re.compile("на фото есть дети", re.IGNORECASE)


@pytest.fixture(scope="module")
def images_dir(tmp_path_factory):
    target = os.environ.get("EDITOR_GUIDE_SCREENSHOTS")
    path = Path(target) if target else tmp_path_factory.mktemp("editor-guide")
    path.mkdir(parents=True, exist_ok=True)
    return path


def new_context(browser, site_url):
    context = browser.new_context(locale=LOCALE, viewport=VIEWPORT, base_url=site_url)
    context.set_default_timeout(15000)
    watch_autosave(context)
    return context


def sign_in(tab):
    tab.goto("/admin/login/")
    tab.locator("#id_username").fill(DEV_USER[0])
    tab.locator("#id_password").fill(DEV_USER[1])
    tab.locator("form").get_by_role("button", name="Войти").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))


@pytest.fixture(scope="module")
def admin_context(browser, site_url):
    """One signed-in admin session (Russian admin) shared by the tests of this module."""
    context = new_context(browser, site_url)
    sign_in(context.new_page())
    yield context
    context.close()


@pytest.fixture
def tab(admin_context):
    tab = admin_context.new_page()
    yield tab
    tab.close()


def save(tab, images_dir, name, *, top=None, middle=None):
    """Save the viewport as ``name``.png, first scrolling ``top`` to the top or ``middle`` to the middle of it."""
    if top is not None:
        top.evaluate("element => element.scrollIntoView({block: 'start'})")
        tab.evaluate("() => window.scrollBy(0, -90)")  # leave room under the admin's sticky header
    if middle is not None:
        middle.evaluate("element => element.scrollIntoView({block: 'center'})")
    png = Image.open(io.BytesIO(tab.screenshot(animations="disabled")))
    target = images_dir / f"{name}.png"
    png.convert("RGB").quantize(colors=256).save(target, optimize=True)
    assert Image.open(target).size == (VIEWPORT["width"], VIEWPORT["height"])


def explore_children(tab, title):
    """In the page explorer, open the list of child pages of the page called ``title`` (the arrow on its row)."""
    tab.get_by_role("link", name=f"Обзор дочерних для '{title}' страниц").click()
    expect(tab.locator("main h1, header h1").first).to_contain_text(title)


def open_reports_in_explorer(tab):
    tab.goto("/admin/pages/")
    explore_children(tab, "Главная")
    explore_children(tab, "Правозащитная деятельность")
    explore_children(tab, "Исследования и публикации")


def test_login_screen_leads_to_the_dashboard(browser, site_url, images_dir):
    context = new_context(browser, site_url)
    tab = context.new_page()
    tab.goto("/admin/login/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Войти в Wagtail")
    expect(tab.get_by_label("Имя пользователя")).to_be_visible()
    tab.locator("#id_username").fill(DEV_USER[0])
    save(tab, images_dir, "01-login")
    tab.locator("#id_password").fill(DEV_USER[1])
    tab.get_by_role("button", name="Войти").click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    context.close()


def test_dashboard_shows_translation_status_panel(tab, images_dir):
    tab.goto("/admin/")
    panel = tab.locator("section", has=tab.get_by_role("heading", name="Состояние переводов"))
    expect(panel).to_contain_text("Кыргызча")
    expect(panel).to_contain_text("материал")
    expect(panel.get_by_role("link", name="Посмотреть, что нужно перевести")).to_be_visible()
    expect(tab.locator(".sidebar-main-menu")).to_contain_text("Страницы")
    save(tab, images_dir, "02-dashboard")


def test_page_explorer_lists_reports_with_add_child_button(tab, images_dir):
    open_reports_in_explorer(tab)
    expect(tab.get_by_role("link", name="Добавить дочернюю страницу")).to_be_visible()
    expect(tab.locator("main table")).to_contain_text("Положение детей, оставшихся без попечения родителей")
    save(tab, images_dir, "03-explorer-reports")


def test_add_report_form_has_fields_and_files_per_language(tab, images_dir):
    open_reports_in_explorer(tab)
    tab.get_by_role("link", name="Добавить дочернюю страницу").click()
    # The section takes only research reports, so Wagtail goes straight to the report form.
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Исследование")
    for label in ("Заголовок (Русский)", "Заголовок (Кыргызча)", "Заголовок (English)"):
        expect(tab.get_by_text(label, exact=False).first).to_be_visible()
    tab.locator("#id_title_ru").fill("Новое исследование")
    tab.locator("#id_title_ky").fill("Жаңы изилдөө")
    tab.locator("#id_title_en").fill("New study")
    save(tab, images_dir, "04-report-titles")

    files = tab.get_by_text("Файл на русском языке").first
    for label in ("Файл на кыргызском языке", "Файл на английском языке"):
        expect(tab.get_by_text(label).first).to_be_attached()
    expect(tab.get_by_role("checkbox", name="Дети без попечения родителей")).to_be_attached()
    save(tab, images_dir, "05-report-files-focus-areas", top=files)


def test_publish_menu_offers_submission_to_moderators(tab, images_dir):
    open_reports_in_explorer(tab)
    tab.get_by_role("link", name="Добавить дочернюю страницу").click()
    footer = tab.locator("footer")
    expect(footer.get_by_role("button", name="Сохранить черновик")).to_be_visible()
    footer.get_by_role("button", name="Больше действий").click()
    expect(footer.get_by_role("button", name="Опубликовать")).to_be_visible()
    expect(footer.get_by_role("button", name=re.compile("Отправить в .Moderators approval."))).to_be_visible()
    save(tab, images_dir, "06-publish-menu")


def test_workflow_settings_list_the_moderators_approval_workflow(tab, images_dir):
    tab.goto("/admin/")
    tab.locator(".sidebar-main-menu").get_by_role("button", name="Настройки").click()
    tab.get_by_role("link", name="Рабочие процессы").first.click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Рабочие процессы")
    expect(tab.locator("main")).to_contain_text("Moderators approval")
    save(tab, images_dir, "07-workflows")


def test_translation_report_lists_a_draft_with_only_russian_text(tab, images_dir):
    title = f"Черновик для руководства редактора {int(time.time())}"
    open_reports_in_explorer(tab)
    tab.get_by_role("link", name="Добавить дочернюю страницу").click()
    expect(tab.locator("#id_title_ru")).to_be_visible()
    tab.locator("#id_title_ru").fill(title)
    tab.locator("#id_summary_ru").fill("Краткое описание пока только на русском языке.")
    wait_for_autosave(tab)
    tab.locator("footer").get_by_role("button", name="Сохранить черновик").click()
    # "created" when the autosave was refused (a report needs more than a title to be saved on its own)
    saved = re.compile(rf"Страница '{re.escape(title)}' (создана|обновлена)\.")
    expect(tab.locator(".messages")).to_contain_text(saved)

    tab.goto("/admin/")
    tab.locator(".sidebar-main-menu").get_by_role("button", name="Отчеты").click()
    tab.get_by_role("link", name="Состояние переводов").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Состояние переводов")
    gap_link = tab.locator("main table").get_by_role("link", name=title).first
    expect(gap_link).to_be_visible()
    expect(gap_link).to_have_attribute("href", re.compile(r"/admin/pages/\d+/edit/"))
    save(tab, images_dir, "08-translation-status")


def open_head_office(tab):
    tab.goto("/admin/pages/")
    explore_children(tab, "Главная")
    explore_children(tab, "Наши офисы")
    tab.locator("main table").get_by_role("link", name="Головной офис", exact=True).click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Головной офис")


def test_office_form_shows_international_phone_and_coordinates(tab, images_dir):
    open_head_office(tab)
    phone = tab.get_by_label("Телефон", exact=True)
    expect(phone).to_have_value(re.compile(r"^\+996"))
    latitude = tab.get_by_label("Широта")
    longitude = tab.get_by_label("Долгота")
    assert 39 < float(latitude.input_value()) < 44
    assert 69 < float(longitude.input_value()) < 81
    save(tab, images_dir, "09-office-contacts", top=tab.locator("label[for=id_phone]"))


def test_office_form_refuses_a_point_outside_kyrgyzstan(tab, images_dir):
    open_head_office(tab)
    latitude = tab.get_by_label("Широта")
    longitude = tab.get_by_label("Долгота")
    swapped = longitude.input_value(), latitude.input_value()
    latitude.fill(swapped[0])
    longitude.fill(swapped[1])
    tab.locator("footer").get_by_role("button", name="Сохранить черновик").click()
    error = tab.get_by_text(re.compile("за пределами Кыргызстана"))
    expect(error.first).to_be_visible()
    save(tab, images_dir, "10-office-point-outside", middle=tab.locator("label[for=id_latitude]"))


def test_pledges_list_can_be_filtered_and_exported(tab, images_dir):
    tab.goto("/admin/")
    tab.locator(".sidebar-main-menu").get_by_role("button", name="Пожертвования").click()
    tab.get_by_role("link", name="Заявки").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Заявки")
    tab.get_by_role("button", name="Показать фильтры").click()
    expect(tab.get_by_role("button", name="Статус")).to_be_visible()
    tab.keyboard.press("Escape")
    tab.get_by_role("button", name="Действия").click()
    expect(tab.get_by_role("link", name="Скачать CSV")).to_be_visible()
    expect(tab.get_by_role("link", name="Скачать XLSX")).to_be_visible()
    save(tab, images_dir, "11-pledges")


def test_fundraising_dashboard_shows_pledged_and_received(tab, images_dir):
    tab.goto("/admin/")
    tab.locator(".sidebar-main-menu").get_by_role("button", name="Пожертвования").click()
    tab.get_by_role("link", name="Сводка").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Сводка по сбору средств")
    expect(tab.get_by_role("heading", name="Обещано и получено по месяцам")).to_be_visible()
    save(tab, images_dir, "14-pledge-dashboard")


def test_uploaded_photo_of_children_keeps_its_consent(tab, images_dir):
    picture = Image.new("RGB", (640, 400), (38, 112, 160))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG")
    title = f"Праздник в SOS Детской деревне {int(time.time())}"
    valid_until = datetime.date.today() + datetime.timedelta(days=365)

    tab.goto("/admin/images/multiple/add/")
    tab.locator("input[type=file]").set_input_files(
        files=[{"name": "celebration.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}]
    )
    form = tab.locator("form", has=tab.get_by_text(SHOWS_CHILDREN)).first
    expect(form).to_be_visible()
    form.get_by_label("Заголовок").fill(title)
    alt_text = "Дети и воспитатели на празднике во дворе SOS Детской деревни"
    form.get_by_label("Альтернативный текст (Русский)").fill(alt_text)
    form.locator("[data-contentpath=shows_children]").get_by_label("Да").check()
    form.locator("[data-contentpath=consent_status] select").select_option(label="Получено")
    form.locator("[data-contentpath=consent_reference] input").fill("SOS-2025-014")
    form.locator("[data-contentpath=consent_expires] input").fill(valid_until.isoformat())
    form.locator("[data-contentpath=consent_expires] input").press("Escape")
    form.locator("[data-contentpath=consent_website] input").check()
    form.get_by_role("button", name="Обновить").click()
    expect(tab.get_by_text(re.compile("обновлен|сохранен", re.I)).first).to_be_visible()

    tab.goto("/admin/images/")
    tab.locator("main").get_by_role("link", name=re.compile(re.escape(title))).first.click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text(title)
    expect(tab.locator("[data-contentpath=shows_children]").get_by_label("Да")).to_be_checked()
    for field, label in (
        ("consent_status", "Согласие"),
        ("consent_reference", "Номер формы согласия"),
        ("consent_expires", "Согласие действует до"),
        ("consent_website", "Можно использовать на сайте"),
    ):
        expect(tab.locator(f"label[for=id_{field}]")).to_contain_text(label)
    expect(tab.locator("#id_consent_status")).to_have_value("obtained")
    expect(tab.locator("#id_consent_reference")).to_have_value("SOS-2025-014")
    # The Russian admin shows dates as DD.MM.YYYY.
    expect(tab.locator("#id_consent_expires")).to_have_value(valid_until.strftime("%d.%m.%Y"))
    expect(tab.locator("#id_consent_website")).to_be_checked()
    save(tab, images_dir, "12-image-consent", top=tab.locator("[data-contentpath=shows_children]"))


def test_redirects_list_has_an_add_button(tab, images_dir):
    tab.goto("/admin/")
    tab.locator(".sidebar-main-menu").get_by_role("button", name="Настройки").click()
    tab.get_by_role("link", name="Перенаправления").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Перенаправления")
    expect(tab.get_by_role("link", name="Добавить перенаправление")).to_be_visible()
    save(tab, images_dir, "13-redirects")


def test_fundraiser_uploads_a_camt053_statement_and_reads_the_result(tab, images_dir):
    from datetime import date
    from decimal import Decimal

    from tests.donations.statements import Row, camt053_bytes

    statement = camt053_bytes(
        [
            Row(amount=Decimal("1500.00"), purpose="SOS AB3K9ZQ2", line_id="DEMO-0001", booked=date(2026, 11, 20)),
            Row(amount=Decimal("700.00"), purpose="Кайрымдуулук", line_id="DEMO-0002", booked=date(2026, 11, 21)),
        ]
    )
    tab.goto("/admin/")
    tab.locator(".sidebar-main-menu").get_by_role("button", name="Пожертвования").click()
    tab.get_by_role("link", name="Загрузить банковскую выписку").click()
    tab.locator('input[type="file"]').set_input_files(
        files=[{"name": "statement.xml", "mimeType": "application/xml", "buffer": statement}]
    )
    tab.locator('select[name="format"]').select_option("camt053")
    save(tab, images_dir, "16-bank-statement-upload")
    tab.locator('main button[type="submit"]').click()
    expect(tab.locator("main")).to_contain_text("Кайрымдуулук")
    save(tab, images_dir, "17-bank-statement-result")
