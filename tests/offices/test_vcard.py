"""Each office downloads as a vCard that a real parser reads and that matches the page."""

import pytest
import vobject

pytestmark = pytest.mark.django_db


def download(client, office, language="ru"):
    url = office.get_translated_urls()[language] + "vcard/"
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_vcard_is_served_as_an_attachment(client, head_office):
    response = download(client, head_office)
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="golovnoy-ofis.vcf"'


def test_head_office_vcard_parses_and_matches_the_seed_contacts(client, head_office):
    card = vobject.readOne(download(client, head_office).content.decode())
    assert card.fn.value == "Головной офис"
    assert card.org.value == ["SOS Детские Деревни Кыргызстан", "Головной офис"]
    phones = {tel.type_paramlist[-1]: tel.value for tel in card.tel_list}
    assert phones == {"VOICE": "+996 312 611546", "FAX": "+996 312 611552"}
    address = card.adr.value
    assert (address.street, address.city, address.code, address.country) == (
        "ул. Исанова, 94/3",
        "Бишкек",
        "720001",
        "Kyrgyzstan",
    )


@pytest.mark.parametrize(("language", "street"), [("ky", "Ленин көч., 1"), ("en", "1 Lenin Street")])
def test_vcard_speaks_the_language_of_its_url(client, karakol_office, language, street):
    card = vobject.readOne(download(client, karakol_office, language).content.decode())
    assert card.adr.value.street == street


def test_vcard_carries_every_contact_shown_on_the_page(client, karakol_office):
    card = vobject.readOne(download(client, karakol_office).content.decode())
    page = client.get(karakol_office.get_url()).content.decode()
    for tel in card.tel_list:
        assert tel.value in page
    assert card.email.value == "karakol@example.org"
    assert "karakol@example.org" in page
    assert card.geo.value == "42.49070;78.39360"
    assert card.url.value == "http://testserver" + karakol_office.get_url()


def test_vcard_escapes_commas_and_semicolons_in_text(client, karakol_office):
    karakol_office.address_ru = "мкр. Восток-5; д. 12, кв. 3"
    karakol_office.save_revision().publish()
    card = vobject.readOne(download(client, karakol_office).content.decode())
    assert card.adr.value.street == "мкр. Восток-5; д. 12, кв. 3"


def test_vcard_of_an_office_without_contacts_still_parses(client):
    response = client.get("/en/our-offices/youth-facilities/vcard/")
    card = vobject.readOne(response.content.decode())
    assert card.fn.value == "Youth facilities"
    assert not hasattr(card, "tel")
