"""The editors' language switch: its data block, the remembered language and "Copy from Russian"."""

import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from pages.models import EditorLanguagePreference
from pages.translation_editor import editor_data, summarise_stream
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

BODY_RU = [
    {"type": "heading", "value": {"text": "Кто мы", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Мы помогаем детям расти в <b>любящей</b> семье.</p>"},
]


@pytest.fixture
def page(home_page):
    page = StandardPageFactory(parent=home_page, title_ru="О фонде", body_ru=json.dumps(BODY_RU), body_ky="[]")
    page.save_revision()
    return page


def switch_data(response):
    match = re.search(
        r'<script id="sos-translation-editor-data" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "the editor has no language switch data"
    return json.loads(match.group(1))


def copy(client, page, field="body", language="ky", **extra):
    return client.post(
        reverse("translation_copy_from_source", args=[page.pk]), {"field": field, "language": language, **extra}
    )


def draft_of(page):
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


def test_page_editor_carries_the_russian_source_of_each_translated_field(admin_client, page):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    data = switch_data(response)
    assert data["sources"]["title"] == {
        "kind": "text",
        "empty": False,
        "text": "О фонде",
        "targets_empty": {"ky": False, "en": False},
    }
    assert data["sources"]["body"]["blocks"][0]["text"] == "Кто мы"
    assert data["sources"]["body"]["targets_empty"] == {"ky": True, "en": True}
    assert {"title", "slug", "introduction", "body"} <= set(data["fields"])
    assert data["copyable"] == ["body"]


def test_switch_data_of_a_text_only_page_costs_one_query(page, superuser, django_assert_num_queries):
    """The remembered language; the sources are read from the object the editor already loaded."""
    with django_assert_num_queries(1):
        data = editor_data(page, superuser)
    assert data["language"] == "all"


def test_stream_summary_names_each_block_and_its_first_words_without_choice_labels(page):
    summary = summarise_stream(page.body_ru)
    assert summary == [
        {"type": "Заголовок", "text": "Кто мы"},
        {"type": "Абзац", "text": "Мы помогаем детям расти в любящей семье."},
    ]


def test_rich_text_source_is_rendered_html(home_page, superuser):
    home_page.introduction_ru = "<p>Мы <b>рядом</b> с детьми.</p>"
    data = editor_data(home_page, superuser)
    assert data["sources"]["introduction"]["kind"] == "rich"
    assert data["sources"]["introduction"]["html"] == "<p>Мы <b>рядом</b> с детьми.</p>"


def test_settings_editor_carries_sources_but_no_copy(admin_client, org_settings):
    response = admin_client.get(reverse("wagtailsettings:edit", args=["pages", "organisationsettings", 1]))
    assert response.status_code == 200
    data = switch_data(response)
    assert data["sources"]["name"]["text"] == org_settings.name_ru
    assert data["copyable"] == []


def test_create_form_has_the_switch_without_sources(admin_client, home_page):
    response = admin_client.get(reverse("wagtailadmin_pages:add", args=["pages", "standardpage", home_page.pk]))
    assert response.status_code == 200
    data = switch_data(response)
    assert "body" in data["fields"]
    assert data["sources"] == {}


def test_editor_without_a_choice_sees_all_languages(admin_client, page):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert switch_data(response)["language"] == "all"


def test_chosen_language_is_remembered_for_the_user(admin_client, superuser, page, django_assert_num_queries):
    # Session, user, the two-factor device check (two tables; then kept in the session), profile, the upsert
    # (update, insert) and the staff session's first "last seen" write (savepoint, update, release).
    with django_assert_num_queries(10):
        response = admin_client.post(reverse("translation_editor_language"), {"language": "ky"})
    assert response.status_code == 200
    assert EditorLanguagePreference.objects.get(user=superuser).language == "ky"
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert switch_data(response)["language"] == "ky"


def test_unknown_language_is_refused_with_a_message(admin_client):
    response = admin_client.post(reverse("translation_editor_language"), {"language": "fr"})
    assert response.status_code == 400
    assert response.json() == {"error": "Неизвестный язык."}
    assert not EditorLanguagePreference.objects.exists()


def test_language_choice_is_saved_only_by_post(admin_client):
    assert admin_client.get(reverse("translation_editor_language")).status_code == 405


def test_copy_puts_the_russian_body_into_an_empty_kyrgyz_draft(admin_client, page):
    response = copy(admin_client, page)
    assert response.status_code == 200
    draft = draft_of(page)
    assert [(block.block_type, block.value) for block in draft.body_ky] == [
        (block.block_type, block.value) for block in draft.body_ru
    ]
    copied_ids = {block.id for block in draft.body_ky}
    assert None not in copied_ids
    assert copied_ids.isdisjoint({block.id for block in draft.body_ru})


def test_copy_leaves_the_live_page_alone(admin_client, page):
    copy(admin_client, page)
    page.refresh_from_db()
    assert len(page.body_ky) == 0
    assert page.has_unpublished_changes


def test_copy_does_not_overwrite_a_translation_without_confirmation(admin_client, page):
    page.body_ky = json.dumps([{"type": "paragraph", "value": "<p>Биз балдарга жардам беребиз.</p>"}])
    page.save_revision()
    response = copy(admin_client, page)
    assert response.status_code == 409
    assert response.json()["error"] == "В этом поле уже есть перевод; подтвердите замену."
    assert draft_of(page).body_ky[0].value.source == "<p>Биз балдарга жардам беребиз.</p>"


def test_copy_overwrites_a_translation_when_confirmed(admin_client, page):
    page.body_ky = json.dumps([{"type": "paragraph", "value": "<p>Биз балдарга жардам беребиз.</p>"}])
    page.save_revision()
    assert copy(admin_client, page, overwrite="1").status_code == 200
    assert draft_of(page).body_ky[0].block_type == "heading"


def test_copy_is_refused_to_a_user_who_may_not_edit_the_page(client, django_user_model, page):
    user = django_user_model.objects.create_user("reader", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = copy(client, page)
    assert response.status_code == 403
    assert len(draft_of(page).body_ky) == 0


@pytest.mark.parametrize(
    ("field", "language"),
    [("title", "ky"), ("hero_image", "ky"), ("no_such_field", "ky"), ("body", "ru"), ("body", "fr")],
)
def test_copy_of_a_field_that_is_not_translated_structure_is_refused(admin_client, page, field, language):
    response = copy(admin_client, page, field=field, language=language)
    assert response.status_code == 400
    assert response.json()["error"]


def test_copy_on_a_deleted_page_says_it_is_gone(admin_client, page):
    url = reverse("translation_copy_from_source", args=[page.pk])
    page.delete()
    response = admin_client.post(url, {"field": "body", "language": "ky"})
    assert response.status_code == 410
    assert response.json() == {"error": "Такой страницы нет."}


def test_modeltranslation_copy_endpoint_is_closed(admin_client, page):
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/copy_translation_content/")
    assert response.status_code == 410


def test_editor_loads_the_switch_not_modeltranslations_copy_buttons_or_picker(admin_client, page):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "pages/admin/translation_editor.js" in html
    assert "copy_stream_fields.js" not in html
    assert "language_toggles.js" not in html


def test_only_the_russian_title_is_marked_required_in_the_page_editor(admin_client, page):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    inputs = {
        language: re.search(rf'<input type="text" name="title_{language}"[^>]*>', html).group(0)
        for language in ("ru", "ky", "en")
    }
    assert {language: " required" in tag for language, tag in inputs.items()} == {"ru": True, "ky": False, "en": False}
    assert not any("*" in tag for tag in inputs.values())
