"""With the page cache off, the donate page's empty form comes from the render cache (pages/render_cache.py):
a new key in every response, nothing of one visitor kept, and editors' changes shown at the next rendering."""

import re

import pytest
from wagtail.models import Site

from donations.forms import read_submission_key
from donations.models import BankAccount, DonateDesignation, Pledge, PledgeSettings
from tests.donations.conftest import donate_url, form_data
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

KEY_RE = re.compile(r'name="submission_key" value="([^"]+)"')


def form_html(response):
    assert response.status_code in (200, 400)
    return response.content.decode().split('id="pledge-form"', 1)[1].split("</form>", 1)[0]


def submission_key(response):
    return KEY_RE.search(response.content.decode()).group(1)


def checked_designation(html):
    return re.search(r'<input type="radio" name="designation" value="([^"]*)"[^>]*checked', html).group(1)


def test_each_rendering_of_the_kept_form_carries_its_own_valid_key(client, donate_page):
    url = donate_url(donate_page)
    first, second, third = client.get(url), client.get(url), client.get(url)
    keys = [submission_key(response) for response in (first, second, third)]
    assert len(set(keys)) == 3
    assert all(read_submission_key(key) for key in keys)
    assert form_html(first).replace(keys[0], "") == form_html(third).replace(keys[2], "")


def test_a_key_from_the_kept_form_makes_a_pledge(client, donate_page, settings):
    settings.DONATIONS_MIN_FILL_SECONDS = 0
    url = donate_url(donate_page)
    client.get(url)
    key = submission_key(client.get(url))
    assert client.post(url, form_data(submission_key=key)).status_code == 303
    assert Pledge.objects.filter(submission_key=read_submission_key(key)[0]).count() == 1


def test_a_preselected_designation_is_shown_to_its_visitor_only(client, donate_page):
    url = donate_url(donate_page)
    target = donate_page.get_designation_pages()[0]
    assert checked_designation(form_html(client.get(url))) == ""
    assert checked_designation(form_html(client.get(f"{url}?designation={target.pk}"))) == str(target.pk)
    assert checked_designation(form_html(client.get(url))) == ""


def test_a_form_with_errors_is_not_kept(client, donate_page):
    url = donate_url(donate_page)
    client.get(url)
    assert "error-summary" in form_html(client.post(url, form_data(email="not-an-address")))
    assert "error-summary" not in form_html(client.get(url))


def test_a_designation_published_on_the_donate_page_is_offered_at_once(client, donate_page, home_page):
    url = donate_url(donate_page)
    target = StandardPageFactory(parent=home_page, title_ru="Новая программа для пожертвований")
    target.save_revision().publish()
    assert "Новая программа для пожертвований" not in form_html(client.get(url))
    DonateDesignation.objects.create(page=donate_page, target=target, sort_order=99)
    donate_page.save_revision().publish()
    assert "Новая программа для пожертвований" in form_html(client.get(url))


def test_a_removed_bank_account_takes_its_currency_out_of_the_form_at_once(client, donate_page):
    url = donate_url(donate_page)
    assert 'name="currency" value="EUR"' in form_html(client.get(url))
    BankAccount.objects.get(currency="EUR").delete()
    assert 'name="currency" value="EUR"' not in form_html(client.get(url))


def test_a_changed_consent_text_shows_at_once(client, donate_page):
    url = donate_url(donate_page)
    client.get(url)
    pledge_settings = PledgeSettings.for_site(Site.objects.get(is_default_site=True))
    pledge_settings.consent_text_ru = "Я согласен с новыми условиями обработки данных."
    pledge_settings.save()
    assert "Я согласен с новыми условиями обработки данных." in form_html(client.get(url))


def test_each_language_keeps_its_own_form(client, donate_page):
    ru = form_html(client.get(donate_url(donate_page, "ru")))
    en = form_html(client.get(donate_url(donate_page, "en")))
    assert "Send my pledge" in en and "Send my pledge" not in ru
