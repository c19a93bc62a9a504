"""Fixtures of the offices tests: the demo's office list and head office, and a fresh office."""

import pytest

from offices.models import OfficeIndexPage, OfficeKind, OfficePage

from .factories import OfficePageFactory


@pytest.fixture
def office_index(db):
    return OfficeIndexPage.objects.get()


@pytest.fixture
def head_office(db):
    return OfficePage.objects.get(kind=OfficeKind.HEAD_OFFICE)


@pytest.fixture
def karakol_office(office_index):
    """A published regional office with every contact field filled."""
    office = OfficePageFactory(
        parent=office_index,
        title_ru="Офис в Караколе",
        title_ky="Караколдогу кеңсе",
        title_en="Karakol office",
        mobile_phone="+996 555 123456",
        fax="+996 3922 51235",
        email="karakol@example.org",
        opening_hours_ru="Пн–Пт 9:00–18:00",
        opening_hours_ky="Дш–Жм 9:00–18:00",
        opening_hours_en="Mon–Fri 9:00–18:00",
        contact_person_ru="Айгуль Осмонова",
        contact_person_ky="Айгүл Осмонова",
        contact_person_en="Aigul Osmonova",
    )
    office.save_revision().publish()
    return OfficePage.objects.get(pk=office.pk)
