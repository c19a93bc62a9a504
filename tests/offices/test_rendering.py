"""The office list and office pages render in each language, complete even when facts are missing."""

import re

import pytest

from offices.models import OfficePage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "title", "head_office"),
    [
        ("/ru/nashi-ofisy/", "Наши офисы", "Головной офис"),
        ("/ky/bizdin-kengseler/", "Биздин кеңселер", "Башкы кеңсе"),
        ("/en/our-offices/", "Our offices", "Head office"),
    ],
)
def test_office_list_renders_in_each_language(client, path, title, head_office):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert f">{head_office}</a></h2>" in html


def test_office_list_shows_head_office_before_the_villages(client):
    html = client.get("/en/our-offices/").content.decode()
    assert html.index("Head office</a></h2>") < html.index("SOS Children&#x27;s Village Bishkek")
    assert html.index("SOS Children&#x27;s Village Bishkek") < html.index("SOS Children&#x27;s Village Cholpon-Ata")


def test_office_list_carries_the_worldwide_reach_from_the_settings(client, org_settings):
    org_settings.worldwide_programmes = 2200
    org_settings.save()
    html = client.get("/en/our-offices/").content.decode()
    assert "More than 2200 programmes in 133 countries and territories" in html


@pytest.mark.parametrize(
    ("path", "title", "city", "region"),
    [
        (
            "/ru/nashi-ofisy/sos-detskaya-derevnya-cholpon-ata/",
            "SOS Детская деревня Чолпон-Ата",
            "Чолпон-Ата",
            "Иссык-Кульская область",
        ),
        (
            "/ky/bizdin-kengseler/cholpon-atadagy-sos-baldar-ayyly/",
            "Чолпон-Атадагы SOS Балдар айылы",
            "Чолпон-Ата",
            "Ысык-Көл облусу",
        ),
        (
            "/en/our-offices/sos-childrens-village-cholpon-ata/",
            "SOS Children&#x27;s Village Cholpon-Ata",
            "Cholpon-Ata",
            "Issyk-Kul region",
        ),
    ],
)
def test_office_page_renders_in_each_language(client, path, title, city, region):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert city in html
    assert region in html


def test_office_page_links_phone_numbers_with_tel_uris(client, karakol_office):
    html = client.get(karakol_office.get_url()).content.decode()
    assert '<a class="office-contacts__tel" href="tel:+996392251234">+996 3922 51234</a>' in html
    assert '<a class="office-contacts__tel" href="tel:+996555123456">+996 555 123456</a>' in html
    assert "mailto:karakol@example.org" in html
    assert "Пн–Пт 9:00–18:00" in html


def test_office_without_phone_points_visitors_to_the_head_office_phone(client):
    html = client.get("/en/our-offices/youth-facilities/").content.decode()
    assert "Please reach this place through our head office:" in html
    assert '<a href="tel:+996312611546">+996 312 611546</a>' in html


def test_office_without_any_contact_field_still_renders_its_sections(client):
    response = client.get("/ru/nashi-ofisy/programma-ukrepleniya-semi/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="contacts-heading">Контакты</h2>' in html
    assert "Сохранить контакт (vCard)" in html
    assert "<dt>" not in html  # no empty "Address:" or "Phone:" rows


def test_office_page_links_to_openstreetmap_without_loading_anything_from_it(client, karakol_office):
    html = client.get(karakol_office.get_url()).content.decode()
    assert 'href="https://www.openstreetmap.org/?mlat=42.49070&amp;mlon=78.39360#map=17/42.49070/78.39360"' in html
    external_loads = re.findall(r'<(?:script|img|iframe|link)[^>]+(?:src|href)="https?://(?!testserver)', html)
    assert external_loads == []


def test_approximate_location_is_said_on_the_page(client):
    html = client.get("/en/our-offices/head-office/").content.decode()
    assert "The map shows the town, not the exact building." in html
    assert "#map=13/42.87460/74.56980" in html


def test_office_page_lists_the_live_programmes_run_there(client, karakol_office, home_page):
    from offices.models import OfficeProgramme
    from pages.models import StandardPage

    about = StandardPage.objects.get(slug_en="about-us")
    OfficeProgramme.objects.create(office=karakol_office, programme=about, sort_order=0)
    html = client.get(karakol_office.get_url()).content.decode()
    assert '<h2 id="programmes-heading">Программы, которые мы здесь ведём</h2>' in html
    assert f'<li><a href="{about.get_url()}">О нас</a></li>' in html


def test_unknown_route_below_an_office_is_a_404(client):
    assert client.get("/ru/nashi-ofisy/golovnoy-ofis/no-such-route/").status_code == 404


def test_office_page_falls_back_to_russian_address_when_kyrgyz_is_empty(client, karakol_office):
    karakol_office.address_ky = ""
    karakol_office.save_revision().publish()
    page = OfficePage.objects.get(pk=karakol_office.pk)
    html = client.get(page.get_translated_urls()["ky"]).content.decode()
    assert "ул. Ленина, 1" in html
