"""Each language gets its own readable Latin slug made from its title."""

import pytest
from django.core.exceptions import ValidationError

from pages.slugs import transliterated_slug
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Правозащитная деятельность", "pravozashchitnaya-deyatelnost"),
        ("Биздин кеңселер", "bizdin-kengseler"),
        ("Коомдук-укуктук иш чара", "koomduk-ukuktuk-ish-chara"),
        ("Our offices", "our-offices"),
    ],
)
def test_transliterated_slug_is_readable_latin(title, slug):
    assert transliterated_slug(title) == slug


def test_new_page_gets_a_latin_slug_per_language_from_its_titles(home_page):
    page = StandardPageFactory(
        parent=home_page, title_ru="Наши партнёры", title_ky="Биздин өнөктөштөр", title_en="Our partners"
    )
    assert (page.slug_ru, page.slug_ky, page.slug_en) == ("nashi-partnery", "bizdin-onoktoshtor", "our-partners")


def test_page_is_served_at_each_languages_slug(client, home_page):
    page = StandardPageFactory(
        parent=home_page, title_ru="Наши партнёры", title_ky="Биздин өнөктөштөр", title_en="Our partners"
    )
    page.save_revision().publish()
    for url in ("/ru/nashi-partnery/", "/ky/bizdin-onoktoshtor/", "/en/our-partners/"):
        assert client.get(url).status_code == 200, url


def test_page_without_english_title_is_served_at_russian_slug_in_english(client, home_page):
    page = StandardPageFactory(parent=home_page, title_ru="Вакансии", title_ky="Бош орундар", title_en="")
    page.save_revision().publish()
    response = client.get("/en/vakansii/")
    assert response.status_code == 200
    assert '<h1 lang="ru">Вакансии</h1>' in response.content.decode()  # the Russian title, marked as Russian


def unsaved_child(parent, **fields):
    """A page placed under ``parent`` as ``add_child`` places it before it saves (and validates) it."""
    page = StandardPageFactory.build(**fields)
    page.depth = parent.depth + 1
    page.path = parent.get_last_child()._inc_path()
    return page


def test_a_slug_taken_by_a_sibling_in_one_language_is_refused_in_that_language(home_page):
    StandardPageFactory(parent=home_page, title_ru="Партнёры", title_ky="Биздин өнөктөштөр", title_en="Partners")
    page = unsaved_child(home_page, title_ru="Друзья", title_ky="Биздин өнөктөштөр", title_en="Friends")
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert set(refused.value.message_dict) == {"slug_ky"}


def test_a_siblings_slug_falling_back_to_russian_is_taken_in_that_language(home_page):
    StandardPageFactory(parent=home_page, title_ru="Вакансии", title_ky="Бош орундар", title_en="")
    page = unsaved_child(home_page, title_ru="Работа", title_ky="Жумуш", title_en="Vakansii")
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert set(refused.value.message_dict) == {"slug_en"}  # the sibling's English URL is /en/vakansii/


def test_slugs_free_in_every_language_pass_and_a_page_is_not_its_own_sibling(home_page):
    sibling = StandardPageFactory(parent=home_page, title_ru="Партнёры", title_ky="Өнөктөштөр", title_en="Partners")
    unsaved_child(home_page, title_ru="Друзья", title_ky="Досторушубуз", title_en="Friends").full_clean()
    sibling.full_clean()
