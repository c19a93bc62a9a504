"""Every page type renders in each language with that language's values."""

import pytest

from pages.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "path", "expected"),
    [
        ("ru", "/ru/", "Любящий дом для каждого ребёнка"),
        ("ky", "/ky/", "Ар бир балага сүйүктүү үй"),
        ("en", "/en/", "A loving home for every child"),
    ],
)
def test_home_page_shows_tagline_in_each_language(client, language, path, expected):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html
    assert f'<html lang="{language}"' in html


@pytest.mark.parametrize(
    ("path", "title"),
    [("/ru/o-nas/", "О нас"), ("/ky/biz-zhonundo/", "Биз жөнүндө"), ("/en/about-us/", "About us")],
)
def test_standard_page_has_its_own_slug_and_title_per_language(client, path, title):
    response = client.get(path)
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in response.content.decode()


def test_standard_page_falls_back_to_russian_when_kyrgyz_is_empty(client, home_page):
    page = StandardPage.objects.get(slug_en="about-us")
    page.introduction_ky = ""
    page.save_revision().publish()
    response = client.get("/ky/biz-zhonundo/")
    assert "Мы помогаем детям, оставшимся без попечения родителей" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/ru/", "SOS Детские Деревни Кыргызстан"),
        ("/ky/", "SOS Балдар Айылдары Кыргызстан"),
        ("/en/", "SOS Children&#x27;s Villages Kyrgyzstan"),
    ],
)
def test_header_shows_organisation_name_in_page_language(client, path, name):
    assert f'<span class="brand__name">{name}</span>' in client.get(path).content.decode()


def test_home_page_survives_a_deleted_section_page(client):
    StandardPage.objects.get(slug_en="about-us").delete()
    assert client.get("/ru/").status_code == 200


@pytest.mark.parametrize(
    ("language", "heading"),
    [("ru", "Срок действия формы истёк"), ("ky", "Форманын мөөнөтү бүттү"), ("en", "The form has expired")],
)
def test_expired_form_gets_a_translated_403_page(language, heading):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{language}/search/", {"q": "x"})
    assert response.status_code == 403
    assert f"<h1>{heading}</h1>" in response.content.decode()
