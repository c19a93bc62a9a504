"""Report pages say which languages the file exists in and link the visitor's language, or label the fallback."""

import re

import pytest

pytestmark = pytest.mark.django_db


def html_of(client, report, language):
    response = client.get(report.get_translated_urls()[language])
    assert response.status_code == 200
    return response.content.decode()


def main_button(html):
    return re.search(
        r'<a class="button report-download__button" href="([^"]+)" hreflang="(\w+)"[^>]*>(.*?)</a>', html, re.S
    )


def test_english_visitor_of_a_russian_only_report_gets_the_russian_file_labelled_in_russian(
    client, russian_only_report
):
    html = html_of(client, russian_only_report, "en")
    href, hreflang, label = main_button(html).groups()
    assert href == russian_only_report.file_ru.url
    assert hreflang == "ru"
    assert "Download the report in Russian" in label
    assert "The report is not available in English. You can read it in Russian." in html
    assert "The report is available in: <strong>Russian</strong>" in html


def test_kyrgyz_visitor_of_a_russian_only_report_reads_the_notice_in_kyrgyz(client, russian_only_report):
    html = html_of(client, russian_only_report, "ky")
    assert "Отчет кыргыз тилинде жок. Аны орус тилинде окуй аласыз." in html
    assert "Отчетту орус тилинде жүктөп алуу" in main_button(html).group(3)


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_visitor_gets_the_file_in_their_own_language_when_it_exists(client, trilingual_report, language):
    html = html_of(client, trilingual_report, language)
    href, hreflang, _label = main_button(html).groups()
    assert href == getattr(trilingual_report, f"file_{language}").url
    assert hreflang == language
    assert "report-download__notice" not in html


def test_other_languages_are_offered_as_labelled_links(client, trilingual_report):
    html = html_of(client, trilingual_report, "en")
    assert f'href="{trilingual_report.file_ru.url}" hreflang="ru" download>Download in Russian</a>' in html
    assert f'href="{trilingual_report.file_ky.url}" hreflang="ky" download>Download in Kyrgyz</a>' in html


def test_page_lists_the_available_languages_in_the_visitors_language(client, make_report, make_document):
    report = make_report(file_ru=make_document(), file_ky=make_document())
    html = html_of(client, report, "ru")
    assert "Отчёт доступен на языках: <strong>Русский, Кыргызский</strong>" in html


def test_kyrgyz_visitor_falls_back_to_the_russian_file_before_the_english_one(make_report, make_document):
    report = make_report(file_ru=make_document(), file_en=make_document())
    assert report.preferred_file("ky").language == "ru"


def test_english_visitor_falls_back_to_the_kyrgyz_file_when_it_is_the_only_one(make_report, make_document):
    report = make_report(file_ky=make_document())
    assert report.preferred_file("en").language == "ky"


def test_report_without_files_says_so(client, make_report):
    html = html_of(client, make_report(), "en")
    assert "The report file has not been published yet." in html
    assert main_button(html) is None


def test_listing_shows_each_reports_languages(client, report_index, make_report, make_document):
    make_report(title_en="Bilingual", file_ru=make_document(), file_en=make_document())
    response = client.get(report_index.get_translated_urls()["en"])
    assert "Available in: Russian, English" in response.content.decode()


def test_file_link_serves_the_pdf(client, russian_only_report):
    response = client.get(russian_only_report.file_ru.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
