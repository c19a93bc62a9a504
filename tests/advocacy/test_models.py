"""Model rules of the advocacy section: slugs, years, links and the report filter form."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from advocacy.models import AdvocacyProgrammePage, FocusArea, KeyDocument
from advocacy.models.reports import ReportFilterForm
from tests.advocacy.factories import FocusAreaFactory

pytestmark = pytest.mark.django_db


def test_focus_area_slug_is_made_from_its_english_name():
    area = FocusArea.objects.create(name_ru="Опекуны", name_ky="Камкорчулар", name_en="Guardians and carers")
    assert area.slug == "guardians-and-carers"


def test_focus_area_slug_is_transliterated_from_russian_without_an_english_name():
    area = FocusArea.objects.create(name_ru="Приёмные семьи")
    assert area.slug == "priemnye-semi"


def test_focus_area_name_falls_back_to_russian():
    area = FocusArea.objects.create(name_ru="Опека", slug="opeka")
    with translation.override("en"):
        assert str(FocusArea.objects.get(pk=area.pk)) == "Опека"


def test_key_document_needs_a_link_or_a_file():
    with pytest.raises(ValidationError):
        KeyDocument(title_ru="Документ", title="Документ").full_clean()


def test_key_document_url_is_its_link_without_a_file():
    assert KeyDocument(link="https://example.org/x").url == "https://example.org/x"


def test_programme_end_year_may_not_precede_start_year():
    page = AdvocacyProgrammePage(title="Программа", title_ru="Программа", start_year=2015, end_year=2010)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end_year" in error.value.message_dict


@pytest.mark.parametrize(
    ("start", "end", "language", "expected"),
    [
        (2009, None, "ru", "с 2009 года"),
        (2009, None, "ky", "2009-жылдан бери"),
        (2009, None, "en", "since 2009"),
        (2010, 2014, "en", "2010–2014"),
        (None, None, "en", ""),
    ],
)
def test_programme_period_reads_naturally_in_each_language(start, end, language, expected):
    with translation.override(language):
        assert str(AdvocacyProgrammePage(start_year=start, end_year=end).period) == expected


def test_filter_form_turns_a_known_topic_slug_into_the_topic():
    area = FocusAreaFactory(slug="known")
    form = ReportFilterForm({"focus": "known", "year": "2021"})
    assert form.is_valid()
    assert form.cleaned_data["focus"] == area
    assert form.cleaned_data["year"] == 2021


def test_filter_form_accepts_no_parameters():
    form = ReportFilterForm({})
    assert form.is_valid()
    assert form.cleaned_data == {"year": None, "focus": None, "page": None}
