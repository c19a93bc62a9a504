"""Each language gets its own readable Latin slug made from its title."""

import pytest

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
