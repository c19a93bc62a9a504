"""The public pledge form: valid pledges are saved exactly once; anything invalid saves nothing."""

import time
from decimal import Decimal

import pytest
from django.utils import translation

from donations.formatting import format_amount
from donations.forms import make_submission_key
from donations.models import DonateDesignation, Pledge
from tests.donations.conftest import donate_url, form_data
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

FORM_PAGE_QUERIES = 1
VALID_AMOUNTS = {"KGS": ("2500", "750"), "USD": ("25", "12.50"), "EUR": ("10", "99,99"), "RUB": ("3000", "1 500")}


@pytest.mark.parametrize("currency", ["KGS", "USD", "EUR", "RUB"])
@pytest.mark.parametrize("frequency", ["one_off", "monthly"])
def test_valid_preset_pledge_is_saved_with_its_values(post_pledge, currency, frequency):
    preset, _other = VALID_AMOUNTS[currency]
    response = post_pledge(currency=currency, frequency=frequency, **{"amount_KGS": None, f"amount_{currency}": preset})
    assert response.status_code == 303
    pledge = Pledge.objects.get()
    assert (pledge.currency, pledge.frequency, pledge.amount) == (currency, frequency, Decimal(preset))
    assert pledge.status == Pledge.Status.PLEDGED
    assert pledge.consent_given and pledge.consented_at and pledge.consent_version == "1"


@pytest.mark.parametrize("currency", ["KGS", "USD", "EUR", "RUB"])
def test_other_amount_replaces_the_suggestion(post_pledge, currency):
    _preset, other = VALID_AMOUNTS[currency]
    response = post_pledge(currency=currency, other_amount=other)
    assert response.status_code == 303
    expected = Decimal(other.replace(",", ".").replace(" ", ""))
    assert Pledge.objects.get().amount == expected


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_pledge_records_the_language_of_the_page(post_pledge, language):
    post_pledge(language=language)
    assert Pledge.objects.get().language == language


def test_redirect_leads_to_the_thank_you_route_with_the_reference(post_pledge, donate_page):
    response = post_pledge(language="ky")
    pledge = Pledge.objects.get()
    assert response["Location"] == f"{donate_url(donate_page, 'ky')}thank-you/{pledge.reference}/"


def test_pledge_records_designation_and_its_title(post_pledge, donate_page, home_page):
    programme = StandardPageFactory(parent=home_page, title_ru="Программа", title_en="Programme")
    DonateDesignation.objects.create(page=donate_page, target=programme, sort_order=99)
    post_pledge(language="en", designation=str(programme.pk))
    pledge = Pledge.objects.get()
    assert pledge.designation_id == programme.pk
    assert pledge.designation_title == "Programme"


def test_empty_designation_means_where_most_needed(post_pledge):
    post_pledge()
    pledge = Pledge.objects.get()
    assert pledge.designation is None
    with translation.override("en"):
        assert pledge.designation_label == "Where most needed"


def test_anonymous_donor_may_leave_the_name_empty(post_pledge):
    assert post_pledge(donor_name="", anonymous="on").status_code == 303
    assert Pledge.objects.get().anonymous is True


def test_news_opt_in_is_stored_separately_from_consent(post_pledge):
    post_pledge(news_opt_in="on")
    pledge = Pledge.objects.get()
    assert pledge.news_opt_in and pledge.consent_given


INVALID = {
    "below minimum": ({"other_amount": "99"}, "other_amount"),
    "above maximum": ({"currency": "USD", "other_amount": "10000.01"}, "other_amount"),
    "wrong currency": ({"currency": "GBP"}, "currency"),
    "letters in amount": ({"other_amount": "12abc"}, "other_amount"),
    "negative amount": ({"other_amount": "-500"}, "other_amount"),
    "three decimals": ({"other_amount": "500.123"}, "other_amount"),
    "preset of no currency": ({"amount_KGS": "999"}, "amount_KGS"),
    "no amount": ({"amount_KGS": None}, "amount_KGS"),
    "huge amount string": ({"other_amount": "9" * 5000}, "other_amount"),
    "huge name": ({"donor_name": "А" * 10_000}, "donor_name"),
    "huge e-mail": ({"email": "a" * 5000 + "@example.org"}, "email"),
    "html in name": ({"donor_name": "<script>alert(1)</script>"}, "donor_name"),
    "html in phone": ({"phone": "<b>1</b>"}, "phone"),
    "missing consent": ({"consent": None}, "consent"),
    "bad e-mail": ({"email": "not-an-address"}, "email"),
    "missing name": ({"donor_name": ""}, "donor_name"),
    "unknown designation": ({"designation": "999999"}, "designation"),
    "wrong frequency": ({"frequency": "weekly"}, "frequency"),
}


@pytest.mark.parametrize("overrides, field", INVALID.values(), ids=INVALID.keys())
def test_invalid_input_reshows_the_form_and_saves_nothing(post_pledge, overrides, field):
    response = post_pledge(**overrides)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert f'id="{field}-error"' in html
    assert Pledge.objects.count() == 0


@pytest.mark.parametrize(
    "language, message",
    [
        ("ru", "Самая маленькая сумма пожертвования в KGS"),
        ("ky", "KGS менен эң кичине убада"),
        ("en", "The smallest pledge in KGS is 100."),
    ],
)
def test_error_message_is_in_the_language_of_the_page(post_pledge, language, message):
    response = post_pledge(language=language, other_amount="5")
    assert message in response.content.decode()


def test_reshown_form_marks_the_invalid_field_for_assistive_technology(post_pledge):
    html = post_pledge(email="nope").content.decode()
    assert 'aria-invalid="true"' in html
    assert 'href="#id_email"' in html


def test_same_submission_key_posted_twice_makes_one_pledge(client, donate_page):
    data = form_data()
    first = client.post(donate_url(donate_page), data)
    second = client.post(donate_url(donate_page), data)
    assert Pledge.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert second.status_code == 303


def test_resent_form_from_another_browser_does_not_reveal_the_pledge(client, django_user_model, donate_page):
    from django.test import Client

    data = form_data()
    client.post(donate_url(donate_page), data)
    other = Client()
    response = other.post(donate_url(donate_page), {**data, "email": "someone-else@example.org"}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "reference-box" not in html and "aigul@example.org" not in html
    assert Pledge.objects.count() == 1


def test_honeypot_reshows_the_form_and_saves_nothing(post_pledge):
    response = post_pledge(website="http://spam.example")
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert Pledge.objects.count() == 0


def test_form_sent_faster_than_a_person_can_fill_it_saves_nothing(post_pledge):
    response = post_pledge(submission_key=make_submission_key(issued_at=time.time()))
    assert response.status_code == 400
    assert Pledge.objects.count() == 0


@pytest.mark.parametrize("key", ["", "forged", make_submission_key(issued_at=time.time() - 3 * 24 * 3600)])
def test_missing_forged_or_expired_key_reshows_the_form_with_a_new_key(post_pledge, key):
    response = post_pledge(submission_key=key)
    assert response.status_code == 400
    assert 'name="submission_key"' in response.content.decode()
    assert Pledge.objects.count() == 0


def test_rate_limit_answers_429_with_a_translated_page(post_pledge, settings):
    settings.DONATIONS_PLEDGE_RATE_LIMIT = 2
    post_pledge()
    post_pledge()
    response = post_pledge(language="en")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert Pledge.objects.count() == 2


def test_rate_limit_page_is_translated_into_russian(post_pledge, settings):
    settings.DONATIONS_PLEDGE_RATE_LIMIT = 0
    response = post_pledge(language="ru")
    assert response.status_code == 429
    assert "Слишком много попыток" in response.content.decode()


def test_form_page_offers_fresh_key_and_is_not_cached(client, donate_page):
    first = client.get(donate_url(donate_page))
    second = client.get(donate_url(donate_page))
    assert first.status_code == 200
    assert "no-store" in first["Cache-Control"]
    assert first.context["form"]["submission_key"].value() != second.context["form"]["submission_key"].value()


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_form_page_has_accessible_controls(client, donate_page, language):
    html = client.get(donate_url(donate_page, language)).content.decode()
    for snippet in (
        'autocomplete="email"',
        'autocomplete="name"',
        'inputmode="decimal"',
        "<legend",
        'name="website"',
        'for="id_email"',
    ):
        assert snippet in html


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_form_page_renders_with_an_exact_number_of_queries(client, donate_page, django_assert_num_queries):
    """Exact: the page; the site, settings, navigation, designations and bank accounts (the currencies offered)
    come from the render cache."""
    client.get(donate_url(donate_page))
    with django_assert_num_queries(FORM_PAGE_QUERIES):
        assert client.get(donate_url(donate_page)).status_code == 200


def test_form_page_queries_do_not_grow_with_designations(client, donate_page, home_page):
    url = donate_url(donate_page)
    before = count_queries(client, url)
    for order in range(5):
        DonateDesignation.objects.create(
            page=donate_page, target=StandardPageFactory(parent=home_page), sort_order=order
        )
    assert count_queries(client, url) == before


def test_put_is_not_allowed(client, donate_page):
    assert client.put(donate_url(donate_page)).status_code == 405


@pytest.mark.parametrize("typed", ["12,50", "12.50", " 12,50 "])
def test_amount_with_a_decimal_comma_or_point_is_accepted(post_pledge, typed):
    assert post_pledge(currency="USD", other_amount=typed).status_code == 303
    assert Pledge.objects.get().amount == Decimal("12.50")


@pytest.mark.parametrize(
    "overrides, anchors",
    [
        ({"amount_KGS": "", "email": "nope", "consent": None}, ["id_amount_KGS_0", "id_email", "id_consent"]),
        ({"donor_name": "", "email": "nope"}, ["id_donor_name", "id_email"]),
    ],
    ids=["amount", "name"],
)
def test_errors_are_listed_in_the_order_of_the_form(post_pledge, overrides, anchors):
    """Errors found across fields (amount, name) used to come after the e-mail's; the summary follows the page."""
    response = post_pledge(**overrides)
    assert response.status_code == 400
    assert [anchor for anchor, _message in response.context["form"].error_list()] == anchors


@pytest.mark.parametrize(
    "language, hint",
    [("ru", "От 100\u00a0KGS до 1\u00a0000\u00a0000\u00a0KGS."), ("en", "From 100\u00a0KGS to 1,000,000\u00a0KGS.")],
)
def test_amounts_are_shown_in_the_visitors_number_format(client, donate_page, language, hint):
    assert hint in client.get(donate_url(donate_page, language)).content.decode()


@pytest.mark.parametrize("language, text", [("ru", "1\u00a0234,50"), ("ky", "1\u00a0234,50"), ("en", "1,234.50")])
def test_format_amount_follows_the_language(language, text):
    assert format_amount(Decimal("1234.5"), language) == text
