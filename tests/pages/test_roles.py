"""Editorial roles: each group can do its job in the admin, gets 403 where its job ends, and
every editor's change goes through the moderators' approval."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pages.models import StandardPage
from pages.slugs import transliterated_slug

pytestmark = pytest.mark.django_db

LANGUAGES = ("ru", "ky", "en")


@pytest.fixture
def login_as(client, django_user_model):
    def login(group_name):
        user = django_user_model.objects.create_user(f"{group_name.lower()}-user", password="x")
        user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)
        return user

    return login


def standard_page_form(ru, ky, en, **extra):
    data = {}
    for code, title in zip(LANGUAGES, (ru, ky, en), strict=True):
        data.update(
            {
                f"title_{code}": title,
                f"slug_{code}": transliterated_slug(title),
                f"seo_title_{code}": "",
                f"search_description_{code}": "",
                f"introduction_{code}": f"intro {code}",
                f"body_{code}": streamfield([]),
            }
        )
    data["hero_image"] = ""
    data.update(extra)
    return nested_form_data(data)


def add_url(home_page):
    return reverse("wagtailadmin_pages:add", args=["pages", "standardpage", home_page.pk])


def about_page():
    return StandardPage.objects.get(slug_en="about-us")


def assert_forbidden(response):
    assert response.status_code == 403
    assert "Access denied" in response.content.decode() or "Доступ запрещён" in response.content.decode()


def test_editor_creates_a_page_and_submits_it_for_moderation(client, login_as, home_page):
    login_as("Editors")
    response = client.post(
        add_url(home_page), standard_page_form("Вакансии", "Бош орундар", "Vacancies", **{"action-submit": "1"})
    )
    assert response.status_code == 302
    page = StandardPage.objects.get(slug_en="vacancies")
    assert not page.live
    assert WorkflowState.objects.filter(
        base_content_type__isnull=False, object_id=str(page.pk), status="in_progress"
    ).exists()


def test_editor_cannot_publish(client, login_as, home_page):
    login_as("Editors")
    response = client.post(
        add_url(home_page), standard_page_form("Вакансии", "Бош орундар", "Vacancies", **{"action-publish": "1"})
    )
    assert_forbidden(response)
    assert not StandardPage.objects.filter(slug_en="vacancies").exists()


@pytest.mark.parametrize("group_name", ["Editors", "Translators"])
def test_editors_and_translators_cannot_delete_unpublished_pages(client, login_as, home_page, group_name):
    user = login_as(group_name)
    draft = StandardPage(title="Черновик", slug="chernovik", live=False, owner=user)
    home_page.add_child(instance=draft)
    assert_forbidden(client.get(reverse("wagtailadmin_pages:delete", args=[draft.pk])))
    assert_forbidden(client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk])))
    assert StandardPage.objects.filter(pk=draft.pk).exists()


def test_moderator_deletes_a_live_page_only_after_unpublishing_it(client, login_as):
    login_as("Moderators")
    page = about_page()
    assert_forbidden(client.post(reverse("wagtailadmin_pages:delete", args=[page.pk])))
    page.unpublish()
    assert client.post(reverse("wagtailadmin_pages:delete", args=[page.pk])).status_code == 302
    assert not StandardPage.objects.filter(pk=page.pk).exists()


def test_moderator_approves_an_editors_submission_and_it_goes_live(client, login_as, home_page, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    client.post(
        add_url(home_page), standard_page_form("Вакансии", "Бош орундар", "Vacancies", **{"action-submit": "1"})
    )
    page = StandardPage.objects.get(slug_en="vacancies")
    task_state = page.current_workflow_task_state
    login_as("Moderators")
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "Хорошо"})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert client.get("/en/vacancies/").status_code == 200


def test_moderator_sends_back_with_a_comment(client, login_as, home_page, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    client.post(
        add_url(home_page), standard_page_form("Вакансии", "Бош орундар", "Vacancies", **{"action-submit": "1"})
    )
    page = StandardPage.objects.get(slug_en="vacancies")
    task_state = page.current_workflow_task_state
    login_as("Moderators")
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])
    client.post(url, {"comment": "Добавьте кыргызский текст"})
    page.refresh_from_db()
    task_state.refresh_from_db()
    assert not page.live
    assert task_state.status == "rejected"
    assert task_state.comment == "Добавьте кыргызский текст"


def test_moderator_publishes_directly(client, login_as, home_page):
    login_as("Moderators")
    client.post(
        add_url(home_page), standard_page_form("Вакансии", "Бош орундар", "Vacancies", **{"action-publish": "1"})
    )
    assert StandardPage.objects.get(slug_en="vacancies").live


def test_scheduled_publishing_waits_for_its_time(client, login_as, home_page):
    login_as("Moderators")
    go_live = (timezone.now() + timezone.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    client.post(
        add_url(home_page),
        standard_page_form("Вакансии", "Бош орундар", "Vacancies", go_live_at=go_live, **{"action-publish": "1"}),
    )
    page = StandardPage.objects.get(slug_en="vacancies")
    assert not page.live
    revision = page.scheduled_revision
    assert revision is not None
    past = timezone.now() - timezone.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live


def test_translator_edits_a_page_but_cannot_add_or_publish(client, login_as, home_page):
    login_as("Translators")
    page = about_page()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    assert_forbidden(client.get(add_url(home_page)))
    data = standard_page_form("О нас", "Биз жөнүндө (жаңы)", "About us", **{"action-publish": "1"})
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    page.refresh_from_db()
    assert page.title_ky == "Биз жөнүндө"


@pytest.mark.parametrize("group_name", ["Editors", "Translators", "Fundraising"])
def test_only_moderators_manage_redirects(client, login_as, group_name):
    login_as(group_name)
    assert_forbidden(client.get(reverse("wagtailredirects:index")))
    assert_forbidden(client.get(reverse("wagtailredirects:start_import")))


@pytest.mark.parametrize("group_name", ["Editors", "Translators"])
def test_editors_and_translators_cannot_delete_pages(client, login_as, group_name):
    login_as(group_name)
    assert_forbidden(client.get(reverse("wagtailadmin_pages:delete", args=[about_page().pk])))


def test_fundraising_cannot_edit_pages(client, login_as):
    login_as("Fundraising")
    assert_forbidden(client.get(reverse("wagtailadmin_pages:edit", args=[about_page().pk])))


def test_moderator_can_open_the_redirect_import(client, login_as):
    login_as("Moderators")
    assert client.get(reverse("wagtailredirects:index")).status_code == 200
    assert client.get(reverse("wagtailredirects:start_import")).status_code == 200


def test_translator_cannot_delete_an_image_even_by_posting(client, login_as):
    from wagtail.models import Collection

    from tests.factories import SiteImageFactory

    image = SiteImageFactory(collection=Collection.get_first_root_node())
    login_as("Translators")
    assert_forbidden(client.post(reverse("wagtailimages:delete", args=[image.pk])))
    assert type(image).objects.filter(pk=image.pk).exists()


def test_editor_cannot_delete_a_document_even_by_posting(client, login_as):
    from tests.advocacy.factories import DocumentFactory

    document = DocumentFactory()
    login_as("Editors")
    assert_forbidden(client.post(reverse("wagtaildocs:delete", args=[document.pk])))
    assert type(document).objects.filter(pk=document.pk).exists()


def test_moderator_deletes_a_document(client, login_as):
    from tests.advocacy.factories import DocumentFactory

    document = DocumentFactory()
    login_as("Moderators")
    assert client.post(reverse("wagtaildocs:delete", args=[document.pk])).status_code == 302
    assert not type(document).objects.filter(pk=document.pk).exists()


def test_editor_cannot_bulk_delete_an_own_draft(client, login_as, home_page):
    user = login_as("Editors")
    draft = StandardPage(title="Черновик", slug="chernovik", live=False, owner=user)
    home_page.add_child(instance=draft)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={draft.pk}"
    client.post(url)
    assert StandardPage.objects.filter(pk=draft.pk).exists()
