"""The demo pages, footer links on every page in every language, and the policy page."""

import pytest
from django.utils import translation

from pages.models import StandardPage
from safeguarding import demo
from safeguarding.models import ConcernReportPage, SafeguardingSettings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_every_page_links_to_report_a_concern_and_the_policy_in_the_footer(client, home_page, language):
    with translation.override(language):
        report_url = ConcernReportPage.objects.get().url
        policy = StandardPage.objects.get(slug_ru="politika-zashchity-detey")
        policy_url, policy_title = policy.url, policy.title
        home_url = home_page.url
    html = client.get(home_url).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert f'href="{report_url}"' in footer
    assert f'<a href="{policy_url}">{policy_title}</a>' in footer


@pytest.mark.parametrize(
    ("language", "heading"),
    [("ru", "Наши обязательства"), ("ky", "Биздин милдеттенмелерибиз"), ("en", "Our commitment")],
)
def test_the_policy_page_is_written_in_each_language(client, language, heading):
    with translation.override(language):
        url = StandardPage.objects.get(slug_ru="politika-zashchity-detey").url
    html = client.get(url).content.decode()
    assert heading in html
    assert "102" in html and "111" in html


def test_the_demo_builds_once(home_page):
    before = ConcernReportPage.objects.count(), StandardPage.objects.count()
    demo.build(home_page)
    assert (ConcernReportPage.objects.count(), StandardPage.objects.count()) == before


def test_emergency_numbers_default_to_kyrgyzstans_and_the_focal_point_is_not_invented(org_settings):
    settings = SafeguardingSettings.for_site(org_settings.site)
    assert (settings.emergency_number, settings.child_helpline) == ("102", "111")
    assert settings.focal_point_name == settings.focal_point_phone == settings.focal_point_email == ""


def test_the_focal_point_from_the_settings_is_shown(client, org_settings):
    settings = SafeguardingSettings.for_site(org_settings.site)
    settings.focal_point_name_ru = "Координатор по защите детей"
    settings.focal_point_phone = "+996 312 000000"
    settings.save()
    html = client.get(ConcernReportPage.objects.get().url).content.decode()
    assert "Координатор по защите детей" in html
    assert 'href="tel:+996312000000"' in html


def test_report_page_query_count(client, django_assert_num_queries):
    """A warm request: the page; site, view restrictions, both settings, navigation and breadcrumbs are cached.

    The first request creates the safeguarding settings (a settings save purges the caches), so two warm it.
    """
    url = ConcernReportPage.objects.get().url
    client.get(url)
    client.get(url)
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200
