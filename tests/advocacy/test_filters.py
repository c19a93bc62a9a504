"""The report index filters by year and topic through plain GET parameters, paginates, and rejects bad input kindly."""

import pytest

from advocacy.models.reports import REPORTS_PER_PAGE
from tests.advocacy.factories import FocusAreaFactory

pytestmark = pytest.mark.django_db


def listed_titles(response):
    return [report.title for report in response.context["listing"].page_obj.object_list]


def get(client, index, language="en", **params):
    return client.get(index.get_translated_urls()[language], params)


def test_reports_are_listed_newest_first(client, report_index, make_report):
    make_report(title_en="Old", publication_year=2013)
    make_report(title_en="New", publication_year=2021)
    make_report(title_en="Middle", publication_year=2017)
    make_report(title_en="Undated", publication_year=None)
    with_language = get(client, report_index)
    assert listed_titles(with_language) == ["New", "Middle", "Old", "Undated"]


def test_year_filter_keeps_only_that_years_reports(client, report_index, make_report):
    make_report(title_en="In 2017", publication_year=2017)
    make_report(title_en="In 2021", publication_year=2021)
    response = get(client, report_index, year="2017")
    assert response.status_code == 200
    assert listed_titles(response) == ["In 2017"]


def test_focus_filter_keeps_only_reports_on_that_topic(client, report_index, make_report):
    topic, other = FocusAreaFactory(slug="care-test"), FocusAreaFactory()
    make_report(title_en="On topic", focus_areas=[topic])
    make_report(title_en="Elsewhere", focus_areas=[other])
    response = get(client, report_index, focus="care-test")
    assert listed_titles(response) == ["On topic"]


def test_year_and_focus_filters_combine(client, report_index, make_report):
    topic = FocusAreaFactory(slug="combined")
    make_report(title_en="Match", publication_year=2017, focus_areas=[topic])
    make_report(title_en="Wrong year", publication_year=2021, focus_areas=[topic])
    make_report(title_en="Wrong topic", publication_year=2017)
    response = get(client, report_index, year="2017", focus="combined")
    assert listed_titles(response) == ["Match"]


def test_filter_form_offers_only_years_and_topics_that_have_reports(client, report_index, make_report):
    used = FocusAreaFactory(name_en="Used topic")
    FocusAreaFactory(name_en="Unused topic")
    make_report(publication_year=2017, focus_areas=[used])
    html = get(client, report_index).content.decode()
    assert '<option value="2017">2017</option>' in html
    assert "Used topic" in html
    assert "Unused topic" not in html
    assert '<label for="filter-year">' in html and '<label for="filter-focus">' in html


def test_filter_form_keeps_the_chosen_values_selected(client, report_index, make_report):
    make_report(publication_year=2017)
    html = get(client, report_index, year="2017").content.decode()
    assert '<option value="2017" selected>' in html


def test_second_page_holds_the_remaining_reports(client, report_index, make_report):
    for number in range(REPORTS_PER_PAGE + 2):
        make_report(title_en=f"Report {number:02d}", publication_year=2000 + number)
    first, second = get(client, report_index), get(client, report_index, page="2")
    assert len(listed_titles(first)) == REPORTS_PER_PAGE
    assert listed_titles(second) == ["Report 01", "Report 00"]


def test_pagination_marks_the_current_page_and_keeps_the_filters(client, report_index, make_report):
    topic = FocusAreaFactory(slug="paged")
    for _ in range(REPORTS_PER_PAGE + 1):
        make_report(focus_areas=[topic])
    html = get(client, report_index, focus="paged", page="2").content.decode()
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2</span>' in html
    assert 'href="?focus=paged&amp;page=1"' in html


def test_year_without_reports_gives_a_friendly_empty_result(client, report_index, make_report):
    make_report(publication_year=2021)
    response = get(client, report_index, year="2005")
    assert response.status_code == 200
    assert listed_titles(response) == []
    assert "No reports match these filters yet." in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "abc"}, "The year must be a number such as 2021."),
        ({"year": "1"}, "There are no reports from that year."),
        ({"year": "9" * 30}, "There are no reports from that year."),
        ({"focus": "no-such-topic"}, "This topic does not exist. Choose one from the list."),
        ({"focus": "<script>alert(1)</script>"}, "This topic does not exist. Choose one from the list."),
    ],
)
def test_unknown_filter_value_shows_the_listing_with_a_message(client, report_index, make_report, params, message):
    make_report(title_en="Listed anyway")
    response = get(client, report_index, **params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Show all reports" in html
    assert "<script>alert(1)</script>" not in html
    assert listed_titles(response) == ["Listed anyway"]


def test_unknown_filter_value_keeps_the_other_valid_filter(client, report_index, make_report):
    make_report(title_en="In 2017", publication_year=2017)
    make_report(title_en="In 2021", publication_year=2021)
    response = get(client, report_index, year="2017", focus="no-such-topic")
    assert response.status_code == 200
    assert listed_titles(response) == ["In 2017"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


@pytest.mark.parametrize("number", ["999", "0", "-1", "two", "9" * 30])
def test_page_number_that_does_not_exist_is_a_404(client, report_index, make_report, number):
    make_report()
    response = get(client, report_index, page=number)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_bad_parameter_message_is_translated(client, report_index):
    response = get(client, report_index, language="ru", year="abc")
    assert response.status_code == 200
    assert "Год должен быть числом, например 2021." in response.content.decode()


def test_bad_parameter_message_is_translated_to_kyrgyz(client, report_index):
    response = get(client, report_index, language="ky", focus="nope")
    assert response.status_code == 200
    assert "Мындай тема жок. Тизмеден тандаңыз." in response.content.decode()


def test_filtered_listing_is_kept_out_of_search_engines(client, report_index, make_report):
    make_report(publication_year=2017)
    html = get(client, report_index, year="2017").content.decode()
    assert '<meta name="robots" content="noindex">' in html
