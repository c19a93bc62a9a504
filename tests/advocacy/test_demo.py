"""The demo loader builds the advocacy section from the organisation's text, with real PDFs, once."""

import pytest
from wagtail.documents import get_document_model
from wagtail.models import Page

from advocacy import demo
from advocacy.models import (
    AdvocacyIndexPage,
    AdvocacyProgrammePage,
    FocusArea,
    KeyDocument,
    ResearchReportPage,
)
from pages.models import HomePage

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Page.objects.count(),
        get_document_model().objects.count(),
        FocusArea.objects.count(),
        KeyDocument.objects.count(),
        len(HomePage.objects.get().sections_ru),
        list(Page.objects.values_list("latest_revision_id", flat=True).order_by("pk")),
    )


def test_second_run_changes_nothing(home_page):
    before = snapshot()
    demo.build(home_page)
    assert snapshot() == before


def test_section_keeps_the_seed_pages_kyrgyz_text(advocacy_index):
    assert advocacy_index.title_ky == "Коомдук-укуктук иш чара"
    assert advocacy_index.introduction_ky.startswith("«Кыргызстандын SOS Балдар Айылдары» Коомдук фондунун")
    assert len(advocacy_index.goals_ru) == len(advocacy_index.goals_ky) == len(advocacy_index.goals_en) == 4


def test_section_is_in_the_menu_and_on_the_home_page(home_page, advocacy_index):
    assert advocacy_index.show_in_menus
    assert any(block.value["page"].pk == advocacy_index.pk for block in home_page.sections_en)


def test_demo_has_programmes_reports_topics_and_key_documents(advocacy_index):
    assert AdvocacyProgrammePage.objects.child_of(advocacy_index).live().count() >= 2
    assert ResearchReportPage.objects.descendant_of(advocacy_index).live().count() >= 3
    assert FocusArea.objects.count() >= 3
    years = dict(KeyDocument.objects.values_list("title_en", "year"))
    assert years["Guidelines for the Alternative Care of Children"] == 2009
    assert years["Quality4Children standards for out-of-home child care"] == 2007


def test_care_leavers_programme_starts_in_2009(care_leavers_programme):
    assert care_leavers_programme.start_year == 2009
    assert care_leavers_programme.end_year is None


def test_demo_reports_state_no_year_the_organisation_has_not_published():
    assert set(ResearchReportPage.objects.values_list("publication_year", flat=True)) == {None}


def test_demo_reports_exist_in_different_sets_of_languages():
    languages = {tuple(report.file_languages()) for report in ResearchReportPage.objects.all()}
    assert {("ru", "ky", "en"), ("ru", "ky"), ("ru",)} <= languages


def test_demo_report_files_are_real_pdfs_with_an_embedded_cyrillic_font(trilingual_report):
    with trilingual_report.file_ky.open_file() as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-")
    assert content.rstrip().endswith(b"%%EOF")
    assert b"/FontFile2" in content  # the TrueType font travels inside the file
    assert b"DejaVuSans" in content
    assert len(content) < 60_000


def test_pdf_maker_gives_the_same_bytes_twice():
    arguments = {
        "title": "Ар бир балага сүйүктүү үй",
        "subtitle": "ө ү ң",
        "paragraphs": ["Текст"],
        "language": "ky",
        "author": "SOS",
    }
    assert demo.make_pdf(**arguments) == demo.make_pdf(**arguments)


def test_only_one_advocacy_section_may_exist():
    assert AdvocacyIndexPage.objects.count() == 1
    assert not AdvocacyIndexPage.can_create_at(HomePage.objects.get())
