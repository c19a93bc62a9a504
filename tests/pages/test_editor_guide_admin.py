"""The admin's Help menu opens this site's editors' guide (docs/editors.*.md), rendered with its screenshots."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.templatetags.wagtailcore_tags import wagtail_feature_release_editor_guide_link

from pages import editor_guide

pytestmark = pytest.mark.django_db


def test_the_guide_is_in_russian_for_the_russian_admin(admin_client):
    with translation.override("ru"):
        response = admin_client.get(reverse("editor_guide"))
    assert response.status_code == 200
    assert "Руководство редактора сайта" in response.content.decode()


def test_the_english_guide_is_one_click_away(admin_client):
    response = admin_client.get(reverse("editor_guide"), {"language": "en"})
    assert response.status_code == 200
    assert "Editors' guide to the" in response.content.decode()


def test_an_unknown_guide_language_falls_back_to_the_admins_language(admin_client):
    response = admin_client.get(reverse("editor_guide"), {"language": "de"})
    assert response.status_code == 200
    assert "Руководство редактора сайта" in response.content.decode()


@pytest.mark.parametrize("language", editor_guide.GUIDE_LANGUAGES)
def test_every_contents_link_leads_to_a_heading_of_the_guide(language):
    html, _title = editor_guide.render(language)
    anchors = set(re.findall(r'href="#([^"]+)"', html))
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert len(anchors) >= 15
    assert anchors - ids == set()


@pytest.mark.parametrize("language", editor_guide.GUIDE_LANGUAGES)
def test_every_screenshot_of_the_guide_is_served(admin_client, language):
    html, _title = editor_guide.render(language)
    names = re.findall(r'<img[^>]+src="images/([^"]+)"', html)
    assert len(names) >= 10
    for name in names:
        response = admin_client.get(reverse("editor_guide_image", args=[name]))
        assert (name, response.status_code, response["Content-Type"]) == (name, 200, "image/png")


def test_the_link_to_the_other_language_opens_the_other_guide_in_the_admin():
    html, _title = editor_guide.render("ru")
    assert 'href="?language=en"' in html
    assert 'editors.en.md"' not in html


@pytest.mark.parametrize("name", ["settings.py", "editors.ru.md", "missing.png", ".png", "..png"])
def test_only_existing_screenshots_are_served(admin_client, name):
    response = admin_client.get(f"{reverse('editor_guide')}images/{name}")
    assert response.status_code == 404


def test_the_help_menu_opens_this_sites_guide_instead_of_wagtails(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'"url": "{reverse("editor_guide")}"' in html
    assert f'"url": "{wagtail_feature_release_editor_guide_link()}"' not in html
