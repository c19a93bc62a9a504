"""The demo builds the organisation's offices once, with the seed's head office and nothing invented."""

import pytest

from offices.models import OfficeIndexPage, OfficeKind, OfficePage
from pages.demo import LANGUAGE_CODES

pytestmark = pytest.mark.django_db


def test_demo_head_office_carries_the_seed_contacts(head_office):
    assert (head_office.postcode, head_office.phone, head_office.fax) == (
        "720001",
        "+996 312 611546",
        "+996 312 611552",
    )
    assert head_office.address_ky == "Исанов көч., 94/3"
    assert head_office.city_en == "Bishkek"


def test_demo_settings_point_at_the_head_office(org_settings, head_office):
    assert org_settings.head_office_id == head_office.pk


def test_demo_lists_both_villages_youth_facilities_and_family_strengthening(office_index):
    kinds = sorted(OfficePage.objects.child_of(office_index).values_list("kind", flat=True))
    assert kinds == sorted(
        [
            OfficeKind.HEAD_OFFICE,
            OfficeKind.CHILDRENS_VILLAGE,
            OfficeKind.CHILDRENS_VILLAGE,
            OfficeKind.YOUTH_FACILITY,
            OfficeKind.FAMILY_STRENGTHENING,
        ]
    )


def test_demo_leaves_unknown_facts_empty():
    villages = OfficePage.objects.filter(kind=OfficeKind.CHILDRENS_VILLAGE)
    assert all(not (village.address or village.phone or village.email) for village in villages)
    assert all(village.location_is_approximate for village in villages)


def test_demo_office_list_is_in_the_menu_and_on_the_home_page(home_page, office_index):
    assert office_index.show_in_menus
    for code in LANGUAGE_CODES:
        pages = [block.value["page"].pk for block in getattr(home_page, f"sections_{code}")]
        assert office_index.pk in pages


def test_demo_office_list_has_a_title_in_every_language():
    index = OfficeIndexPage.objects.get()
    assert (index.title_ru, index.title_ky, index.title_en) == ("Наши офисы", "Биздин кеңселер", "Our offices")
