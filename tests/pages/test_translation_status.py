"""The translation report finds missing and stale translations, in the admin and on the command line."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from pages import translation_status
from pages.models import TranslationState
from tests.factories import SiteImageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_without_kyrgyz(home_page):
    page = StandardPageFactory(
        parent=home_page,
        title_ru="Годовой отчёт",
        title_ky="Жылдык отчет",
        title_en="Annual report",
        introduction_ru="Итоги года",
        introduction_ky="",
        introduction_en="The year in review",
    )
    page.save_revision().publish()
    return page


def gaps_for(report, page, language):
    return [gap for gap in report.gaps if gap.object_id == str(page.pk) and gap.language == language]


def test_empty_kyrgyz_field_is_reported_missing(page_without_kyrgyz):
    report = translation_status.build_report()
    (gap,) = gaps_for(report, page_without_kyrgyz, "ky")
    assert gap.missing == ["introduction"]
    assert gaps_for(report, page_without_kyrgyz, "en") == []


def test_translation_becomes_stale_when_russian_changes_after_it(page_without_kyrgyz):
    page = page_without_kyrgyz
    page.introduction_ky = "Жылдын жыйынтыктары"
    page.save_revision().publish()
    page.introduction_ru = "Итоги года: что мы сделали"
    page.save_revision().publish()
    report = translation_status.build_report()
    (ky_gap,) = gaps_for(report, page, "ky")
    assert ky_gap.stale == ["introduction"]
    assert ky_gap.missing == []
    (en_gap,) = gaps_for(report, page, "en")
    assert en_gap.stale == ["introduction"]


def test_updating_the_translation_clears_staleness(page_without_kyrgyz):
    page = page_without_kyrgyz
    page.introduction_ru = "Итоги года: что мы сделали"
    page.save_revision().publish()
    page.introduction_en = "The year in review: what we did"
    page.save_revision().publish()
    assert gaps_for(translation_status.build_report(), page, "en") == []


def test_report_filters_by_language(page_without_kyrgyz):
    report = translation_status.build_report(language="en")
    assert {gap.language for gap in report.gaps} <= {"en"}


def test_command_exits_non_zero_under_the_threshold(page_without_kyrgyz):
    with pytest.raises(CommandError, match="ky"):
        call_command("translation_status", "--fail-under", "100")


def test_command_lists_the_gap_with_its_edit_link(page_without_kyrgyz, capsys):
    call_command("translation_status", "--language", "ky")
    out = capsys.readouterr().out
    assert "Годовой отчёт" in out
    assert f"/admin/pages/{page_without_kyrgyz.pk}/edit/" in out


def test_command_passes_a_low_threshold(page_without_kyrgyz):
    call_command("translation_status", "--fail-under", "1")


def test_admin_report_lists_gaps_with_edit_links(admin_client, page_without_kyrgyz):
    response = admin_client.get(reverse("translation_status"), {"language": "ky"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/admin/pages/{page_without_kyrgyz.pk}/edit/"' in html
    assert "Годовой отчёт" in html


def test_admin_report_ignores_unknown_filter_values(admin_client):
    response = admin_client.get(reverse("translation_status"), {"language": "xx", "section": "<script>"})
    assert response.status_code == 200


def test_dashboard_shows_translation_counts(admin_client, page_without_kyrgyz):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert "translation-panel-heading" in response.content.decode()


def test_admin_report_names_fields_and_sections_as_editors_see_them(admin_client, page_without_kyrgyz):
    html = admin_client.get(reverse("translation_status"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "<td>вступление</td>" in html
    assert "optionss" not in html
    assert "Safeguardings" not in html


def test_saving_a_page_stores_its_state_in_every_language(home_page):
    page = StandardPageFactory(parent=home_page, introduction_ky="")
    states = TranslationState.objects.filter(object_id=str(page.pk)).order_by("language")
    assert {state.language: state.missing for state in states} == {"en": [], "ky": ["introduction"], "ru": []}


def test_deleting_a_page_forgets_its_state(home_page):
    page = StandardPageFactory(parent=home_page)
    page.delete()
    assert not TranslationState.objects.filter(object_id=str(page.pk)).exists()


def test_rebuild_recomputes_every_state(page_without_kyrgyz):
    TranslationState.objects.all().delete()
    call_command("translation_status", "--rebuild", "--language", "ky")
    (gap,) = gaps_for(translation_status.build_report(), page_without_kyrgyz, "ky")
    assert gap.missing == ["introduction"]


def test_image_gaps_link_to_the_image_editor(home_page):
    image = SiteImageFactory(description_ky="")
    (gap,) = [gap for gap in translation_status.build_report(language="ky").gaps if gap.object_id == str(image.pk)]
    assert gap.edit_url == reverse("wagtailimages:edit", args=[image.pk])


def test_admin_report_names_languages_not_codes(admin_client, page_without_kyrgyz):
    html = admin_client.get(reverse("translation_status"), {"language": "ky"}).content.decode()
    assert "<td>Кыргызча</td>" in html


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", ["wagtailadmin_home", "translation_status"])
def test_dashboard_and_report_cost_the_same_queries_whatever_the_number_of_pages(admin_client, home_page, url_name):
    url = reverse(url_name)
    admin_client.get(url)  # warm the per-process caches (content types, site, user)
    StandardPageFactory.create_batch(20, parent=home_page, introduction_ky="")
    small = count_queries(admin_client, url)
    StandardPageFactory.create_batch(200, parent=home_page, introduction_ky="")
    assert count_queries(admin_client, url) == small
