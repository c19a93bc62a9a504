"""The privacy policy says what the site holds and how long, in three languages, and names the data e-mail
only when the organisation has set one."""

import pytest
from django.utils import translation

from pages.models import StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

# What each language's policy must cover: pledges, payments, concern reports, cookies, retention, rights.
COVERS = {
    "ru": ["Заявки на пожертвование и платежи", "Сообщения о нарушениях", "cookie", "три года", "Ваши права"],
    "ky": ["Кайрымдуулук убадалары жана төлөмдөр", "билдирүүлөр", "cookie", "үч жыл", "Сиздин укуктарыңыз"],
    "en": ["Pledges and payments", "Concern reports", "technical cookie", "Three years", "Your rights"],
}


def privacy_page(org_settings):
    return StandardPage.objects.get(pk=org_settings.privacy_page_id)


@pytest.mark.parametrize("language", COVERS)
def test_the_demo_policy_covers_what_the_site_holds(client, org_settings, language):
    with translation.override(language):
        url = privacy_page(org_settings).get_url()
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert [text for text in COVERS[language] if text not in html] == []


def test_the_demo_leaves_the_data_email_empty_and_the_policy_names_none(client, org_settings):
    assert org_settings.privacy_email == ""
    html = client.get(privacy_page(org_settings).url).content.decode()
    assert "privacy-contact" not in html
    assert "mailto:" not in html.split("<main")[1].split("</main>")[0]


def test_a_data_email_set_in_the_settings_appears_under_the_policy(client, org_settings):
    org_settings.privacy_email = "data@example.org"
    org_settings.save()
    html = client.get(privacy_page(org_settings).url).content.decode()
    assert 'href="mailto:data@example.org"' in html


def test_the_data_email_is_shown_under_the_policy_only(client, org_settings, home_page):
    org_settings.privacy_email = "data@example.org"
    org_settings.save()
    other = StandardPageFactory(parent=home_page)
    other.save_revision().publish()
    assert "data@example.org" not in client.get(other.url).content.decode()
