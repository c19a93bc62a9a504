"""schema.org JSON-LD: the organisation on every page, and each office as a Place on its own page."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db


def json_ld(html):
    """The nodes of the page's JSON-LD graph."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [node for block in blocks for node in json.loads(block)["@graph"]]


def by_type(html, schema_type):
    def types(node):
        value = node.get("@type", [])
        return value if isinstance(value, list) else [value]

    return [item for item in json_ld(html) if schema_type in types(item)]


@pytest.mark.parametrize("path", ["/ru/", "/ky/biz-zhonundo/", "/en/our-offices/"])
def test_every_page_describes_the_organisation_with_the_head_office_contacts(client, path):
    (organisation,) = by_type(client.get(path).content.decode(), "NGO")
    assert organisation["telephone"] == "+996 312 611546"
    assert organisation["faxNumber"] == "+996 312 611552"
    assert organisation["address"]["postalCode"] == "720001"
    assert organisation["address"]["addressCountry"] == "KG"
    assert organisation["logo"].startswith("http://testserver/static/")


def test_organisation_address_is_in_the_page_language(client):
    (organisation,) = by_type(client.get("/en/").content.decode(), "NGO")
    assert organisation["address"]["streetAddress"] == "94/3 Isanov Street"
    assert organisation["address"]["addressLocality"] == "Bishkek"
    assert organisation["name"] == "SOS Children's Villages Kyrgyzstan"


def test_organisation_lists_its_social_profiles_as_same_as(client, org_settings):
    org_settings.facebook_url = "https://www.facebook.com/example"
    org_settings.save()
    (organisation,) = by_type(client.get("/ru/").content.decode(), "NGO")
    assert organisation["sameAs"] == ["https://www.facebook.com/example"]


def test_office_page_describes_the_office_as_a_place_with_coordinates(client, karakol_office):
    (place,) = by_type(client.get(karakol_office.get_url()).content.decode(), "Place")
    assert place["name"] == "Офис в Караколе"
    assert place["telephone"] == "+996 3922 51234"
    assert place["faxNumber"] == "+996 3922 51235"
    assert place["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "ул. Ленина, 1",
        "postalCode": "722200",
        "addressLocality": "Каракол",
        "addressRegion": "Иссык-Кульская область",
        "addressCountry": "KG",
    }
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 42.4907, "longitude": 78.3936}


def test_office_page_names_the_office_a_department_of_the_one_organisation(client, karakol_office):
    html = client.get(karakol_office.get_url()).content.decode()
    organisation, (office,) = json_ld(html)[0], by_type(html, "Place")
    assert organisation["@id"] == "http://testserver/#organisation"
    assert organisation["department"] == [{"@id": office["@id"]}]
    assert office["parentOrganization"] == {"@id": "http://testserver/#organisation"}


def test_json_ld_cannot_be_closed_early_by_page_text(client, karakol_office):
    karakol_office.title_ru = "Офис </script><script>alert(1)</script>"
    karakol_office.save_revision().publish()
    html = client.get(karakol_office.get_url()).content.decode()
    assert "<script>alert(1)" not in html
    (place,) = by_type(html, "Place")
    assert place["name"] == "Офис </script><script>alert(1)</script>"
