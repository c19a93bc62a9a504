"""The office map's Issyk-Kul, its label placement (no label crossed by a border, the shore or another label)
and its data credit."""

import json
import re
import struct
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from offices import geo, map_labels
from offices.models import OfficeMap

# A town in every region, three of them around Issyk-Kul: a crowded map.
TOWNS = {
    "Бишкек": (42.8746, 74.5698),
    "Чолпон-Ата": (42.6497, 77.0817),
    "Каракол": (42.4907, 78.3936),
    "Балыкчы": (42.46, 76.19),
    "Нарын": (41.43, 75.99),
    "Ош": (40.5283, 72.7985),
    "Жалал-Абад": (40.933, 73.0),
    "Талас": (42.52, 72.24),
    "Баткен": (40.06, 70.82),
}


def town_offices(towns):
    return [
        SimpleNamespace(
            pk=index,
            title=f"SOS {name}",
            city=name,
            latitude=latitude,
            longitude=longitude,
            has_location=True,
            openstreetmap_url=lambda: "https://www.openstreetmap.org/",
        )
        for index, (name, (latitude, longitude)) in enumerate(towns.items())
    ]


def test_issyk_kul_is_drawn_inside_the_country():
    country = geo.kyrgyzstan()
    (lake,) = country.lakes
    assert 6000 < lake["area_km2"] < 6500
    assert all(country.contains(latitude, longitude) for longitude, latitude in lake["outline"])
    assert "GSHHG" in country.source


@pytest.mark.django_db
def test_the_office_list_map_draws_the_lake(client):
    html = client.get("/en/our-offices/").content.decode()
    assert len(re.findall(r'<path class="office-map__lake" d="M[^"]+Z"/>', html)) == 1


@pytest.mark.parametrize("towns", [TOWNS, {"Чолпон-Ата": TOWNS["Чолпон-Ата"]}, {"Бишкек": TOWNS["Бишкек"]}])
def test_labels_cross_no_border_no_shore_no_dot_and_no_other_label(rf, towns):
    office_map = OfficeMap(town_offices(towns), rf.get("/"))
    boxes = [marker["placement"].box for marker in office_map.markers]
    hits = [marker["placement"].hit for marker in office_map.markers]
    assert len(boxes) == len(towns)
    for index, box in enumerate(boxes):
        label = office_map.markers[index]["label"]
        assert 0 <= box.left and box.right <= office_map.width and 0 <= box.top and box.bottom <= office_map.height
        assert not any(box.crosses(start, end) for start, end in office_map.country.segments), label
        assert not any(hits[index].overlaps(other) for other in hits[:index] + hits[index + 1 :]), label
        for marker in office_map.markers:
            dot = map_labels.Box(marker["x"] - 16, marker["y"] - 16, marker["x"] + 16, marker["y"] + 16)
            assert not box.overlaps(dot), (label, marker["label"])


def test_a_label_set_apart_from_its_dot_gets_a_leader_line_crossing_no_other_label(rf):
    office_map = OfficeMap(town_offices(TOWNS), rf.get("/"))
    placements = [marker["placement"] for marker in office_map.markers]
    with_leader = [placement for placement in placements if placement.leader]
    assert with_leader
    for placement in with_leader:
        start, end = placement.leader[:2], placement.leader[2:]
        assert placement.box.contains_point(*end)
        assert not any(other.hit.crosses(start, end) for other in placements if other is not placement)


def test_every_label_has_a_tap_area_of_24_css_pixels_on_a_phone(rf):
    office_map = OfficeMap(town_offices(TOWNS), rf.get("/"))
    phone_scale = 340 / office_map.width  # the map on a 390 px phone, less the page margins
    for marker in office_map.markers:
        assert marker["placement"].hit.height * phone_scale >= 24


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "credit"),
    [
        ("/ru/nashi-ofisy/", "Данные карты: границы — Natural Earth"),
        ("/ky/bizdin-kengseler/", "Карта маалыматтары: чек аралар — Natural Earth"),
        ("/en/our-offices/", "Map data: borders from Natural Earth (public domain), Issyk-Kul from GSHHG (LGPL)."),
    ],
)
def test_the_data_credit_is_translated_and_names_no_file(client, url, credit):
    html = client.get(url).content.decode()
    (shown,) = re.findall(r'<span class="office-map__credit">([^<]+)</span>', html)
    assert credit in shown
    assert ".json" not in shown and "world-atlas" not in shown


def test_build_command_adds_large_lakes_from_gshhg_files(tmp_path):
    """A square country with a 2000 km² square lake and a 500 km² one, in GSHHG's binary layout."""
    topology = {
        "type": "Topology",
        "arcs": [[[70, 40], [70, 42], [74, 42], [74, 40], [70, 40]]],
        "objects": {
            "countries": {"type": "GeometryCollection", "geometries": [{"type": "Polygon", "id": "417", "arcs": [[0]]}]}
        },
    }
    (tmp_path / "countries.json").write_text(json.dumps(topology))
    big = [(71, 40.5), (72, 40.5), (72, 41.5), (71, 41.5), (71, 40.5)]
    small = [(73, 41), (73.2, 41), (73.2, 41.2), (73, 41)]
    data, meta, offset = b"", [], 0
    for level, area, ring in ((2, 2000.0, big), (2, 500.0, small), (1, 99999.0, big)):
        chunk = struct.pack(f"<{2 * len(ring)}f", *[value for point in ring for value in point])
        lats = [lat for _lon, lat in ring]
        meta.append(f"{level} {area} {len(ring)} {min(lats)} {max(lats)} {offset} {len(chunk)} 1")
        data, offset = data + chunk, offset + len(chunk)
    (tmp_path / "gshhs_i.dat").write_bytes(data)
    (tmp_path / "gshhsmeta_i.dat").write_text("\n".join(meta) + "\n")
    output = tmp_path / "map.json"
    call_command(
        "build_office_map",
        source=str(tmp_path / "countries.json"),
        output=str(output),
        lakes=str(tmp_path),
        stdout=None,
    )
    country = geo.CountryMap.from_file(output)
    (lake,) = country.lakes
    assert lake["area_km2"] == 2000 and lake["outline"][0] == [71.0, 40.5]
    assert lake["path"].startswith("M") and lake["path"].endswith("Z")
    assert len(country.segments) > 4
