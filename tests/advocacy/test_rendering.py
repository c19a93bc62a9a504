"""Each advocacy page type renders in Russian, Kyrgyz and English with its own values and falls back when empty."""

import pytest

from advocacy.models import AdvocacyProgrammePage
from tests.advocacy.factories import AdvocacyProgrammePageFactory

pytestmark = pytest.mark.django_db

INDEX_URLS = {
    "ru": "/ru/pravozashchitnaya-deyatelnost/",
    "ky": "/ky/koomduk-ukuktuk-ish-chara/",
    "en": "/en/advocacy/",
}


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "title", "goal"),
    [
        ("ru", "Правозащитная деятельность", "Продвижение прав выпускников системы ухода"),
        ("ky", "Коомдук-укуктук иш чара", "Кам көрүү системасынын бүтүрүүчүлөрүнүн укуктарын алдыга жылдыруу"),
        ("en", "Advocacy", "Promoting the rights of care leavers"),
    ],
)
def test_advocacy_index_shows_title_and_goals_in_each_language(client, language, title, goal):
    html = html_of(client, INDEX_URLS[language])
    assert f"<h1>{title}</h1>" in html
    assert goal in html
    assert f'<html lang="{language}"' in html


@pytest.mark.parametrize(
    ("language", "programme", "document"),
    [
        ("ru", "Права выпускников системы ухода", "Руководящие указания по альтернативному уходу за детьми"),
        ("ky", "Кам көрүү системасынын бүтүрүүчүлөрүнүн укуктары", "Альтернативдик кам көрүү боюнча БУУнун"),
        ("en", "Rights of care leavers", "Guidelines for the Alternative Care of Children"),
    ],
)
def test_advocacy_index_lists_programmes_reports_and_key_documents(client, language, programme, document):
    html = html_of(client, INDEX_URLS[language])
    assert programme in html
    assert document in html
    assert "report-card" in html


def test_advocacy_index_links_the_report_feeds_in_its_head(client):
    html = html_of(client, INDEX_URLS["en"])
    head = html.split("</head>")[0]
    assert 'type="application/rss+xml"' in head
    assert "/en/advocacy/research-and-publications/feed/rss/" in head


@pytest.mark.parametrize(
    ("language", "title", "summary"),
    [
        ("ru", "Права выпускников системы ухода", "С 2009 года"),
        ("ky", "Кам көрүү системасынын бүтүрүүчүлөрүнүн укуктары", "2009-жылдан бери"),
        ("en", "Rights of care leavers", "Since 2009"),
    ],
)
def test_programme_page_renders_its_language(client, care_leavers_programme, language, title, summary):
    html = html_of(client, care_leavers_programme.get_translated_urls()[language])
    assert f"<h1>{title}</h1>" in html
    assert summary in html


def test_programme_page_shows_its_reports_documents_and_call_to_action(client, care_leavers_programme):
    html = html_of(client, care_leavers_programme.get_translated_urls()["en"])
    assert "The rights of care leavers: housing, education, work" in html
    assert "Quality4Children standards for out-of-home child care" in html
    assert 'class="cta"' in html
    assert 'href="/en/help-now/"' in html


def test_programme_with_end_year_shows_the_period(client, advocacy_index):
    programme = AdvocacyProgrammePageFactory(parent=advocacy_index, start_year=2010, end_year=2014)
    programme.save_revision().publish()
    html = html_of(client, programme.get_translated_urls()["en"])
    assert "2010–2014" in html


def test_programme_without_english_text_falls_back_to_russian(client, advocacy_index):
    programme = AdvocacyProgrammePageFactory(parent=advocacy_index, summary_en="", summary_ky="")
    programme.save_revision().publish()
    for language in ("en", "ky"):
        html = html_of(client, programme.get_translated_urls()[language])
        assert "Краткое описание программы" in html


def test_report_index_renders_in_each_language(client, demo_report_index):
    for language, title in (
        ("ru", "Исследования и публикации"),
        ("ky", "Изилдөөлөр жана басылмалар"),
        ("en", "Research and publications"),
    ):
        html = html_of(client, demo_report_index.get_translated_urls()[language])
        assert f"<h1>{title}</h1>" in html
        assert 'name="focus"' in html


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("ru", "Положение детей, оставшихся без попечения родителей, в Кыргызстане"),
        ("ky", "Кыргызстандагы ата-энесинин камкордугусуз калган балдардын абалы"),
        ("en", "The situation of children without parental care in Kyrgyzstan"),
    ],
)
def test_report_page_renders_its_language(client, trilingual_report, language, title):
    html = html_of(client, trilingual_report.get_translated_urls()[language])
    assert f"<h1>{title}</h1>" in html
    assert "report-download" in html


def test_report_page_without_kyrgyz_summary_falls_back_to_russian(client, make_report):
    report = make_report(summary_ky="")
    html = html_of(client, report.get_translated_urls()["ky"])
    assert "Краткое содержание отчёта" in html


def test_unpublished_programme_is_not_listed_on_the_index(client, advocacy_index):
    programme = AdvocacyProgrammePageFactory(parent=advocacy_index, title_en="Hidden draft programme", live=False)
    assert not AdvocacyProgrammePage.objects.get(pk=programme.pk).live
    assert "Hidden draft programme" not in html_of(client, INDEX_URLS["en"])
