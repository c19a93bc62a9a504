"""Phone and fax numbers are stored in one international format; junk gets a clear admin error."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from offices.models import OfficePage
from offices.phones import normalise_phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("(+996) 312 611546", "+996 312 611546"),
        ("(+996)312 611552", "+996 312 611552"),
        ("0312 611546", "+996 312 611546"),
        ("0312-61-15-46", "+996 312 611546"),
        ("996312611546", "+996 312 611546"),
        ("00996 312 611546", "+996 312 611546"),
        ("+996 312 611546", "+996 312 611546"),
        ("0555 123 456", "+996 555 123456"),
        ("+996 3943 12345", "+996 3943 12345"),
        ("03943 12345", "+996 3943 12345"),
        ("+7 727 123 45 67", "+7 727 123 45 67"),
        ("", ""),
    ],
)
def test_numbers_are_normalised_to_the_international_format(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("abc", "invalid_characters"),
        ("312 611546 ext. 5", "invalid_characters"),
        ("123", "wrong_length"),
        ("+996 312 6115", "wrong_length"),
        ("0312 6115466", "wrong_length"),
        ("+44 12", "wrong_length"),
    ],
)
def test_bad_numbers_are_rejected(typed, code):
    with pytest.raises(ValidationError) as error:
        normalise_phone(typed)
    assert error.value.code == code


def test_rejection_names_the_expected_format_in_russian():
    with translation.override("ru"), pytest.raises(ValidationError) as error:
        normalise_phone("123")
    assert error.value.messages == [
        "В кыргызстанском номере после +996 должно быть 9 цифр (код города или оператора и сам номер), "
        "а в этом — 3. Пример: +996 312 611546."
    ]


@pytest.mark.django_db
def test_full_clean_stores_the_normalised_fax(karakol_office):
    karakol_office.fax = "(+996) 3922 51235"
    karakol_office.full_clean()
    assert karakol_office.fax == "+996 3922 51235"


def office_form_data(**fields):
    data = {
        "title_ru": "Офис в Нарыне",
        "title_ky": "Нарындагы кеңсе",
        "title_en": "Naryn office",
        "slug_ru": "ofis-v-naryne",
        "slug_ky": "naryndagy-kengse",
        "slug_en": "naryn-office",
        "kind": "regional_office",
        "address_ru": "",
        "city_ru": "Нарын",
        "region": "naryn",
        "phone": "",
        "mobile_phone": "",
        "fax": "",
        "latitude": "",
        "longitude": "",
        "body_ru": streamfield([]),
        "body_ky": streamfield([]),
        "body_en": streamfield([]),
        "programmes": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def add_office(admin_client, office_index, **fields):
    url = reverse("wagtailadmin_pages:add", args=("offices", "officepage", office_index.pk))
    return admin_client.post(url, office_form_data(**fields), HTTP_ACCEPT_LANGUAGE="ru")


@pytest.mark.django_db
def test_admin_rejects_a_phone_number_with_letters_with_a_message_on_the_field(admin_client, office_index):
    response = add_office(admin_client, office_index, phone="abc")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Введите номер цифрами (пробелы, скобки и дефисы допустимы), например +996 312 611546." in html
    assert not OfficePage.objects.filter(slug_en="naryn-office").exists()


@pytest.mark.django_db
def test_admin_rejects_a_fax_number_with_too_few_digits(admin_client, office_index):
    response = add_office(admin_client, office_index, fax="61 15")
    html = response.content.decode()
    assert "а в этом — 4" in html
    assert not OfficePage.objects.filter(slug_en="naryn-office").exists()


@pytest.mark.django_db
def test_admin_saves_a_national_number_in_the_international_format(admin_client, office_index):
    response = add_office(admin_client, office_index, phone="0312 611546", fax="(+996)312 611552")
    assert response.status_code == 302
    office = OfficePage.objects.get(slug_en="naryn-office")
    assert (office.phone, office.fax) == ("+996 312 611546", "+996 312 611552")
