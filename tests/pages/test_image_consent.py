"""Photo consent: no child's photo reaches the public site without a valid consent on record."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import clear_url_caches, reverse
from django.utils import translation
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, UploadedFile

from pages import consent
from pages.models import SiteImage, StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

TODAY = consent.today()


def child_photo(**fields):
    values = {
        "title": "Children in the yard",
        "file": get_test_image_file(size=(1600, 1000)),
        "description_ru": "Дети во дворе",
        "description_en": "Children in the yard",
        "shows_children": True,
        "consent_status": "obtained",
        "consent_reference": "SOS-2025-014",
        "consent_expires": TODAY + datetime.timedelta(days=365),
        "consent_website": True,
    }
    values.update(fields)
    return SiteImage.objects.create(**values)


@pytest.fixture(autouse=True)
def _fresh_rendition_cache():
    """Wagtail caches renditions by image id; ids come back after each test's rollback."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def page_with_photo(home_page):
    def make(image):
        page = StandardPageFactory(parent=home_page, hero_image=image)
        page.save_revision().publish()
        return page

    return make


@pytest.fixture
def media_served(settings, tmp_path):
    """Uploads go to a temporary folder that the test server serves at /media/ (as in development)."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.SERVE_MEDIA = True
    import importlib

    from sos_site import urls

    with override_settings(ROOT_URLCONF="sos_site.urls"):
        importlib.reload(urls)
        clear_url_caches()
        yield
    settings.SERVE_MEDIA = False
    importlib.reload(urls)
    clear_url_caches()


@pytest.mark.parametrize(
    ("fields", "state"),
    [
        ({"shows_children": False, "consent_status": "not_needed"}, consent.ConsentState.NO_CHILDREN),
        ({}, consent.ConsentState.VALID),
        ({"consent_status": "not_needed"}, consent.ConsentState.MISSING),
        ({"consent_expires": TODAY - datetime.timedelta(days=1)}, consent.ConsentState.EXPIRED),
        ({"consent_status": "withdrawn"}, consent.ConsentState.WITHDRAWN),
        ({"consent_website": False, "consent_print": True}, consent.ConsentState.NOT_FOR_WEBSITE),
        ({"shows_children": None}, consent.ConsentState.UNANSWERED),
    ],
)
def test_consent_state_follows_the_recorded_consent(fields, state):
    image = child_photo(**fields)
    assert consent.consent_state(image) == state
    assert SiteImage.objects.filter(consent.state_filter(state)).get() == image


def test_consent_is_valid_on_its_last_day():
    image = child_photo(consent_expires=TODAY)
    assert consent.is_shown_on_website(image, on=TODAY)
    assert not consent.is_shown_on_website(image, on=TODAY + datetime.timedelta(days=1))


def test_a_consented_child_photo_is_shown(client, page_with_photo):
    page = page_with_photo(child_photo())
    html = client.get(page.url).content.decode()
    assert "/media/images/" in html
    assert "photo-placeholder" not in html


def test_expired_consent_swaps_the_photo_for_a_placeholder_with_its_alt_text(client, page_with_photo):
    image = child_photo()
    page = page_with_photo(image)
    client.get(page.url)  # renditions made while the consent was valid
    SiteImage.objects.filter(pk=image.pk).update(consent_expires=TODAY - datetime.timedelta(days=1))
    html = client.get(page.url).content.decode()
    assert "/media/images/" not in html
    assert re.search(
        r'<img class="photo-placeholder" src="/static/pages/img/photo-placeholder.svg" alt="Дети во дворе"', html
    )


def test_expired_consent_makes_the_rendition_url_stop_answering(client, page_with_photo, media_served):
    image = child_photo()
    page = page_with_photo(image)
    html = client.get(page.url).content.decode()
    rendition_url = re.search(r'<img src="(/media/images/[^"]+)"', html).group(1)
    assert client.get(rendition_url).status_code == 200

    SiteImage.objects.filter(pk=image.pk).update(consent_expires=TODAY - datetime.timedelta(days=1))
    call_command("check_image_consent", verbosity=0, stdout=open("/dev/null", "w"))

    assert client.get(rendition_url).status_code == 404
    assert not image.renditions.exists()


def test_withdrawing_consent_deletes_the_renditions_at_once(page_with_photo, client, media_served):
    image = child_photo()
    rendition = image.get_rendition("width-400")
    assert client.get(rendition.url).status_code == 200
    image.consent_status = "withdrawn"
    image.save()
    assert client.get(rendition.url).status_code == 404
    assert not image.renditions.exists()


def test_a_hidden_image_never_gets_a_rendition_from_any_template():
    image = child_photo(consent_status="withdrawn")
    rendition = image.get_rendition("fill-640x360")
    renditions = image.get_renditions("width-400", "width-800|format-webp")
    assert rendition.url.endswith("photo-placeholder.svg")
    assert (rendition.width, rendition.height) == (640, 360)
    assert all(r.url.endswith("photo-placeholder.svg") for r in renditions.values())
    assert not image.renditions.exists()


def test_daily_command_lists_what_changed_and_the_pages_affected(page_with_photo, capsys):
    image = child_photo()
    page = page_with_photo(image)
    image.get_rendition("width-400")
    SiteImage.objects.filter(pk=image.pk).update(consent_expires=TODAY - datetime.timedelta(days=1))
    call_command("check_image_consent", language="en")
    out = capsys.readouterr().out
    assert "Newly hidden from the site (renditions deleted): 1" in out
    assert f"#{image.pk} «Children in the yard»" in out
    assert f"«{page.title_en}» (live)" in out

    call_command("check_image_consent", language="en")
    assert "Newly hidden from the site (renditions deleted): 0" in capsys.readouterr().out


def test_daily_command_lists_consents_ending_soon(capsys):
    image = child_photo(consent_expires=TODAY + datetime.timedelta(days=10))
    call_command("check_image_consent", language="en")
    out = capsys.readouterr().out
    assert "Consents ending within 30 days: 1" in out
    assert f"#{image.pk}" in out and "SOS-2025-014" in out


def edit_and_publish(client, page, **changes):
    """POST the admin's own edit form of ``page`` with the "Publish" action."""
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    data = {
        "title_ru": page.title_ru or "",
        "title_ky": page.title_ky or "",
        "title_en": page.title_en or "",
        "slug_ru": page.slug_ru or "",
        "slug_ky": page.slug_ky or "",
        "slug_en": page.slug_en or "",
        "introduction_ru": page.introduction_ru or "",
        "body_ru": streamfield([]),
        "body_ky": streamfield([]),
        "body_en": streamfield([]),
        "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        "action-publish": "action-publish",
    }
    data.update(changes)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), nested_form_data(data), follow=True)


def admin_speaks(user, language):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def test_publishing_a_page_with_an_unconsented_child_photo_is_refused_with_the_reason(
    admin_client, home_page, superuser
):
    admin_speaks(superuser, "en")
    image = child_photo(consent_status="not_needed", title="Village yard")
    page = StandardPageFactory(parent=home_page, live=False)
    response = edit_and_publish(admin_client, page, hero_image=image.pk)
    html = response.content.decode()
    assert "Village yard" in html
    assert "no consent is recorded" in html
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision_as_object().hero_image_id == image.pk  # the draft is kept


def test_the_refusal_is_in_the_editors_language(admin_client, home_page, superuser):
    admin_speaks(superuser, "ru")
    image = child_photo(consent_status="withdrawn", title="Village yard")
    page = StandardPageFactory(parent=home_page, live=False)
    html = edit_and_publish(admin_client, page, hero_image=image.pk).content.decode()
    with translation.override("ru"):
        reason = consent.reason(image)
    with translation.override("en"):
        assert reason != consent.reason(image)  # the Russian text differs from the English one…
    assert f"«Village yard» — {reason}" in html  # …and that is what the editor reads


def test_publishing_with_a_consented_photo_goes_ahead(admin_client, home_page):
    image = child_photo()
    page = StandardPageFactory(parent=home_page, live=False)
    edit_and_publish(admin_client, page, hero_image=image.pk)
    page.refresh_from_db()
    assert page.live and page.hero_image_id == image.pk


def test_a_child_photo_in_the_body_of_any_language_is_found():
    image = child_photo(consent_status="not_needed")
    page = StandardPage(title="x", body_ky=[("image", {"image": image, "caption": ""})])
    assert consent.blocked_images_on(page) == [(image, consent.reason(image))]


def test_pages_using_an_image_come_from_the_reference_index(page_with_photo):
    image = child_photo()
    page = page_with_photo(image)
    assert list(consent.pages_using(image)) == [Page.objects.get(pk=page.pk)]


def upload():
    return SimpleUploadedFile("photo.png", get_test_image_file().file.getvalue(), content_type="image/png")


def test_image_upload_form_requires_an_answer_to_shows_children(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "New photo", "file": upload(), "collection": 1},
    )
    assert response.status_code == 200
    assert "shows_children" in response.context["form"].errors
    assert not SiteImage.objects.filter(title="New photo").exists()


def test_image_upload_form_offers_yes_and_no_with_nothing_chosen(admin_client):
    html = admin_client.get(reverse("wagtailimages:add")).content.decode()
    radios = re.findall(r'<input type="radio" name="shows_children"[^>]*>', html)
    assert len(radios) == 2
    assert not any("checked" in radio for radio in radios)


def test_image_upload_with_an_answer_is_accepted(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Landscape",
            "file": upload(),
            "collection": 1,
            "shows_children": "False",
            "consent_status": "not_needed",
        },
    )
    assert response.status_code == 302
    assert SiteImage.objects.get(title="Landscape").shows_children is False


def test_obtained_consent_needs_the_form_number_and_the_end_date(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Kids",
            "file": upload(),
            "collection": 1,
            "shows_children": "True",
            "consent_status": "obtained",
            "consent_website": "on",
        },
    )
    errors = response.context["form"].errors
    assert "consent_reference" in errors and "consent_expires" in errors


def test_image_listing_filters_by_consent_state(admin_client):
    hidden = child_photo(consent_status="withdrawn", title="Hidden one")
    child_photo(title="Fine one")
    response = admin_client.get(reverse("wagtailimages:index"), {"consent": "hidden"})
    assert list(response.context["images"]) == [hidden]


def test_dashboard_shows_consents_ending_soon(admin_client):
    child_photo(title="Ends soon", consent_expires=TODAY + datetime.timedelta(days=5))
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Ends soon" in html


def upload_several(admin_client, name="group.png"):
    file = SimpleUploadedFile(name, get_test_image_file().file.getvalue(), content_type="image/png")
    return admin_client.post(reverse("wagtailimages:add_multiple"), {"files[]": file, "collection": 1})


def test_multiple_upload_saves_the_image_at_once_so_leaving_the_page_loses_nothing(admin_client):
    response = upload_several(admin_client)
    assert response.status_code == 200
    assert response.json()["success"] is True
    image = SiteImage.objects.get(title="group.png")
    assert image.shows_children is None
    assert consent.consent_state(image) == consent.ConsentState.UNANSWERED
    assert not UploadedFile.objects.exists()


def test_the_form_after_a_multiple_upload_still_requires_the_children_question(admin_client):
    image_id = upload_several(admin_client).json()["image_id"]
    prefix = f"image-{image_id}"
    response = admin_client.post(
        reverse("wagtailimages:edit_multiple", args=[image_id]),
        {f"{prefix}-title": "Group", f"{prefix}-collection": 1, f"{prefix}-consent_status": "not_needed"},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert SiteImage.objects.get(pk=image_id).shows_children is None


def test_answering_after_a_multiple_upload_records_the_answer(admin_client):
    image_id = upload_several(admin_client).json()["image_id"]
    prefix = f"image-{image_id}"
    response = admin_client.post(
        reverse("wagtailimages:edit_multiple", args=[image_id]),
        {
            f"{prefix}-title": "Yurt",
            f"{prefix}-collection": 1,
            f"{prefix}-shows_children": "False",
            f"{prefix}-consent_status": "not_needed",
        },
    )
    assert response.json()["success"] is True
    assert SiteImage.objects.get(pk=image_id).shows_children is False


def test_the_image_form_labels_wagtails_description_as_alt_text_in_each_language(admin_client):
    form = admin_client.get(reverse("wagtailimages:add")).context["form"]
    labels = {name: str(form.fields[name].label) for name in ("description_ru", "description_ky", "description_en")}
    assert labels == {
        "description_ru": "Альтернативный текст (Русский)",
        "description_ky": "Альтернативный текст (Кыргызча)",
        "description_en": "Альтернативный текст (English)",
    }
    assert str(form.fields["consent_reference"].help_text).endswith(
        "Только для фото с детьми; для остальных фото оставьте как есть."
    )
