"""The static map: a real outline of Kyrgyzstan, offices placed by their coordinates, bad points rejected."""

import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from offices import geo
from offices.models import OfficeMap, OfficePage


def svg_polygons(path):
    """The rings of the committed SVG path, as lists of (x, y)."""
    return [[tuple(map(float, pair.split(","))) for pair in ring.split()] for ring in re.findall(r"M([^Z]+)Z", path)]


def inside_svg_outline(x, y, path):
    return any(geo._ring_contains(ring, x, y) for ring in svg_polygons(path))


def test_outline_is_kyrgyzstan_from_natural_earth():
    country = geo.kyrgyzstan()
    assert country.source.startswith("Natural Earth via world-atlas 2.0.2")
    west, south, east, north = (country.projection["west"], 39.18, 80.26, country.projection["north"])
    assert 69.2 < west < 69.3 and 43.2 < north < 43.3 and south < 39.2 and east > 80.2
    assert sum(len(ring) for polygon in country.outline for ring in polygon) > 1000


@pytest.mark.parametrize(
    ("place", "latitude", "longitude", "inside"),
    [
        ("Bishkek", 42.8746, 74.5698, True),
        ("Cholpon-Ata", 42.6497, 77.0817, True),
        ("Osh", 40.5283, 72.7985, True),
        ("Karakol", 42.4907, 78.3936, True),
        ("Almaty, Kazakhstan", 43.2389, 76.8897, False),
        ("Tashkent, Uzbekistan", 41.2995, 69.2401, False),
        ("Kashgar, China", 39.4704, 75.9898, False),
        ("Sokh, an Uzbek enclave inside Kyrgyzstan's outline", 39.96, 71.13, False),
        ("inside the bounding box but in Kazakhstan", 43.1, 70.0, False),
    ],
)
def test_point_in_outline(place, latitude, longitude, inside):
    assert geo.kyrgyzstan().contains(latitude, longitude) is inside, place


@pytest.mark.django_db
def test_every_demo_office_with_coordinates_is_drawn_inside_the_outline(rf):
    offices = [office for office in OfficePage.objects.live() if office.has_location]
    assert len(offices) >= 3
    office_map = OfficeMap(offices, rf.get("/"))
    for office in offices:
        x, y = office_map.country.project(office.latitude, office.longitude)
        assert inside_svg_outline(x, y, office_map.path), office.title
    for marker in office_map.markers:
        assert 0 < marker["x"] < office_map.width and 0 < marker["y"] < office_map.height


@pytest.mark.django_db
def test_offices_at_the_same_town_share_one_marker_naming_all_of_them(client):
    html = client.get("/en/our-offices/").content.decode()
    (bishkek,) = re.findall(r'<a class="office-map__marker[^"]*" href="([^"]+)" aria-label="([^"]+)"', html)[:1]
    href, label = bishkek
    assert href.startswith("#office-")
    assert label == "Bishkek: Head office; SOS Children&#x27;s Village Bishkek"


@pytest.mark.django_db
def test_map_is_an_accessible_image_with_a_text_alternative(client):
    html = client.get("/ru/nashi-ofisy/").content.decode()
    assert '<g role="img" aria-labelledby="office-map-title office-map-desc">' in html
    assert '<title id="office-map-title">Карта Кыргызстана</title>' in html
    assert "Контур страны с 2 отмеченными местами." in html


@pytest.mark.django_db
def test_office_page_map_marker_opens_openstreetmap(client, karakol_office):
    html = client.get(karakol_office.get_url()).content.decode()
    osm = "https://www.openstreetmap.org/?mlat=42.49070&amp;mlon=78.39360#map=17/42.49070/78.39360"
    assert f'href="{osm}" aria-label="Каракол: Офис в Караколе"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [("43.23890", "76.88970"), ("41.29950", "69.24010"), ("48.85660", "2.35220")],
)
def test_coordinates_outside_kyrgyzstan_are_rejected(karakol_office, latitude, longitude):
    karakol_office.latitude, karakol_office.longitude = Decimal(latitude), Decimal(longitude)
    with pytest.raises(ValidationError) as error:
        karakol_office.full_clean()
    assert set(error.value.message_dict) == {"latitude", "longitude"}
    assert error.value.error_dict["latitude"][0].code == "outside_country"
    assert "за пределами Кыргызстана" in error.value.message_dict["latitude"][0]


@pytest.mark.django_db
def test_swapped_coordinates_get_a_hint(karakol_office):
    karakol_office.latitude, karakol_office.longitude = Decimal("74.56980"), Decimal("42.87460")
    with pytest.raises(ValidationError) as error:
        karakol_office.full_clean()
    assert "не перепутаны ли широта и долгота?" in error.value.message_dict["latitude"][0]


@pytest.mark.django_db
def test_latitude_without_longitude_is_rejected(karakol_office):
    karakol_office.longitude = None
    with pytest.raises(ValidationError) as error:
        karakol_office.full_clean()
    assert list(error.value.message_dict) == ["longitude"]


@pytest.mark.django_db
def test_office_without_coordinates_is_valid_and_left_off_the_map(karakol_office, rf):
    karakol_office.latitude = karakol_office.longitude = None
    karakol_office.full_clean()
    assert OfficeMap([karakol_office], rf.get("/")).markers == []


def test_build_command_decodes_topojson_and_writes_the_projection(tmp_path):
    """A quantised, delta-encoded square country with a square hole, as world-atlas stores countries."""
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.01, 0.01], "translate": [70, 40]},
        "arcs": [
            [[0, 0], [0, 200], [400, 0], [0, -200], [-400, 0]],
            [[100, 50], [200, 0], [0, 100], [-200, 0], [0, -100]],
        ],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [{"type": "Polygon", "id": "417", "arcs": [[0], [1]]}],
            }
        },
    }
    source = tmp_path / "countries.json"
    source.write_text(json.dumps(topology))
    output = tmp_path / "map.json"
    call_command("build_office_map", source=str(source), output=str(output), width=500, stdout=None)
    country = geo.CountryMap.from_file(output)
    assert country.outline[0][0][:2] == [[70.0, 40.0], [70.0, 42.0]]
    assert country.contains(40.2, 70.2) and not country.contains(40.75, 72.0)
    assert country.project(42.0, 70.0) == pytest.approx((24.0, 24.0))
    assert country.width == 500
