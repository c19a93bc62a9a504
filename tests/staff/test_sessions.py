"""Staff sessions end after a working day without a request; anonymous visitors get no session at all."""

import time

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from staff.middleware import LAST_SEEN_KEY

pytestmark = pytest.mark.django_db


def test_staff_sessions_last_a_working_day_of_inactivity():
    assert django_settings.STAFF_SESSION_IDLE_SECONDS == 8 * 3600
    assert django_settings.SESSION_COOKIE_AGE == django_settings.STAFF_SESSION_IDLE_SECONDS


def test_a_request_records_activity(admin_client):
    admin_client.get(reverse("wagtailadmin_home"))

    assert abs(admin_client.session[LAST_SEEN_KEY] - time.time()) < 5


def test_session_idle_for_longer_than_a_working_day_is_signed_out(admin_client):
    session = admin_client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 8 * 3600 - 1
    session.save()

    response = admin_client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_session_idle_for_less_than_a_working_day_stays(admin_client):
    session = admin_client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 8 * 3600 + 60
    session.save()

    assert admin_client.get(reverse("wagtailadmin_home")).status_code == 200


def test_anonymous_visitor_gets_no_session_cookie(client):
    response = client.get("/ru/")

    assert response.status_code == 200
    assert django_settings.SESSION_COOKIE_NAME not in response.cookies
