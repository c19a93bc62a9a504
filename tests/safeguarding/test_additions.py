"""A report sent again from the same form: different text is kept as an addition, identical text changes nothing."""

import pytest
from django.urls import reverse

from safeguarding.models import ConcernReport, ConcernReportAddition
from tests.safeguarding.test_report_form import fresh_token, valid_data

pytestmark = pytest.mark.django_db

IMPORTANT = "He also said the adult takes food away from the children, every evening after eight."


def test_resent_form_with_different_text_is_kept_as_an_addition(client, report_page):
    token = fresh_token()
    client.post(report_page.url, valid_data(form_token=token))
    response = client.post(report_page.url, valid_data(form_token=token, what_happened=IMPORTANT))
    assert response.status_code == 303
    report = ConcernReport.objects.get()
    addition = ConcernReportAddition.objects.get()
    assert (addition.report, addition.what_happened) == (report, IMPORTANT)
    assert report.what_happened == valid_data()["what_happened"]


def test_identical_resend_adds_nothing(client, report_page):
    token = fresh_token()
    client.post(report_page.url, valid_data(form_token=token))
    response = client.post(report_page.url, valid_data(form_token=token))
    assert response.status_code == 303
    assert ConcernReport.objects.count() == 1
    assert not ConcernReportAddition.objects.exists()


def test_repeating_an_addition_adds_it_once(client, report_page):
    token = fresh_token()
    client.post(report_page.url, valid_data(form_token=token))
    client.post(report_page.url, valid_data(form_token=token, what_happened=IMPORTANT))
    client.post(report_page.url, valid_data(form_token=token, what_happened=IMPORTANT))
    assert ConcernReportAddition.objects.count() == 1


def test_invalid_resend_shows_the_form_again_instead_of_saying_sent(client, report_page):
    token = fresh_token()
    client.post(report_page.url, valid_data(form_token=token))
    response = client.post(report_page.url, valid_data(form_token=token, what_happened="short"))
    assert response.status_code == 400
    assert "what_happened" in response.context["form"].errors


def test_safeguarding_officer_sees_the_addition_on_the_report(client, report_page, safeguarding_officer):
    token = fresh_token()
    client.post(report_page.url, valid_data(form_token=token))
    client.post(report_page.url, valid_data(form_token=token, what_happened=IMPORTANT))
    client.force_login(safeguarding_officer)
    response = client.get(reverse("safeguarding_reports:detail", args=[ConcernReport.objects.get().pk]))
    assert response.status_code == 200
    assert IMPORTANT in response.content.decode()
