"""Login throttling (django-axes): five wrong passwords lock a username and an address for a documented time."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from staff.lockout import lockout_response
from tests.staff.conftest import sign_in, signed_in

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
    }
}


def fail_five_times(client, username, **headers):
    for _ in range(5):
        sign_in(client, username, "wrong-password", **headers)


def test_right_password_after_five_wrong_ones_is_refused_with_when_to_retry(client, make_user):
    make_user("ainura")
    fail_five_times(client, "ainura", HTTP_ACCEPT_LANGUAGE="en")

    response = sign_in(client, "ainura", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 429
    assert response["Retry-After"] == "1800"
    assert "Sign-in is locked: try again after" in response.content.decode()
    assert "in 30 minutes" in response.content.decode()
    assert 'name="username"' in response.content.decode()  # the login page, not a bare error page
    assert not signed_in(client)


def test_lockout_message_is_in_russian_by_default(client, make_user):
    make_user("ainura")
    fail_five_times(client, "ainura")

    response = sign_in(client, "ainura")

    assert response.status_code == 429
    assert "Вход заблокирован" in response.content.decode()
    assert "Пароль" in response.content.decode()


def test_four_wrong_passwords_do_not_lock(client, make_user):
    make_user("ainura")
    for _ in range(4):
        sign_in(client, "ainura", "wrong-password")

    response = sign_in(client, "ainura")

    assert response.status_code == 302
    assert signed_in(client)


def test_a_successful_sign_in_does_not_reset_the_count(client, make_user):
    make_user("ainura")
    make_user("insider")
    for _ in range(4):
        sign_in(client, "ainura", "wrong-password")
    assert sign_in(client, "insider").status_code == 302
    client.post(reverse("wagtailadmin_logout"))
    sign_in(client, "ainura", "wrong-password")

    assert sign_in(client, "ainura").status_code == 429


def test_one_address_is_locked_across_usernames(client, make_user):
    make_user("ainura")
    for number in range(5):
        sign_in(client, f"guess-{number}", "wrong-password")

    response = sign_in(client, "ainura")

    assert response.status_code == 429
    assert not signed_in(client)


def test_one_username_is_locked_across_addresses(client, make_user):
    make_user("ainura")
    for number in range(5):
        sign_in(client, "ainura", "wrong-password", REMOTE_ADDR=f"203.0.113.{number}")

    response = sign_in(client, "ainura", REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 429


def test_lockout_holds_with_the_cache_unreachable(client, make_user, settings):
    settings.CACHES = DEAD_REDIS
    make_user("ainura")
    fail_five_times(client, "ainura")

    response = sign_in(client, "ainura")

    assert response.status_code == 429
    assert not signed_in(client)


def test_client_address_comes_from_the_trusted_proxy_header(client, make_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    sign_in(client, "nobody", "wrong-password", HTTP_X_FORWARDED_FOR="198.51.100.20, 192.0.2.1")

    assert AccessAttempt.objects.get(username="nobody").ip_address == "192.0.2.1"


def test_old_donations_proxy_setting_still_sets_the_client_address(client, settings):
    del settings.TRUSTED_PROXY_COUNT
    settings.DONATIONS_TRUSTED_PROXY_COUNT = 2
    sign_in(client, "nobody", "wrong-password", HTTP_X_FORWARDED_FOR="198.51.100.20, 192.0.2.1")

    assert AccessAttempt.objects.get(username="nobody").ip_address == "198.51.100.20"


def test_command_unlocks_a_username(client, make_user):
    make_user("ainura")
    fail_five_times(client, "ainura", REMOTE_ADDR="203.0.113.5")

    call_command("axes_reset_username", "ainura", stdout=None)

    assert sign_in(client, "ainura", REMOTE_ADDR="198.51.100.7").status_code == 302


def test_superuser_sees_the_lockout_and_unlocks_it(client, make_user, admin_client):
    make_user("ainura")
    fail_five_times(client, "ainura", REMOTE_ADDR="203.0.113.5")

    listing = admin_client.get(reverse("staff_lockouts"))
    assert listing.status_code == 200
    assert "ainura" in listing.content.decode()
    assert "203.0.113.5" in listing.content.decode()

    response = admin_client.post(reverse("staff_lockouts"), {"kind": "username", "value": "ainura"})

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="ainura").exists()
    assert sign_in(client, "ainura", REMOTE_ADDR="198.51.100.7").status_code == 302


def test_an_address_locked_by_guesses_at_many_usernames_is_listed_and_unlocked(client, make_user, admin_client):
    make_user("ainura")
    for number in range(5):
        sign_in(client, f"guess-{number}", "wrong-password", REMOTE_ADDR="203.0.113.9")

    assert "203.0.113.9" in admin_client.get(reverse("staff_lockouts")).content.decode()
    admin_client.post(reverse("staff_lockouts"), {"kind": "ip_address", "value": "203.0.113.9"})

    assert sign_in(client, "ainura", REMOTE_ADDR="203.0.113.9").status_code == 302


def test_lockout_list_is_for_superusers_only(client, make_user):
    client.force_login(make_user("moderator", group="Moderators"))

    assert client.get(reverse("staff_lockouts")).status_code == 403


@pytest.mark.parametrize(
    "data", [{"kind": "username", "value": "nobody"}, {"kind": "password", "value": "x"}, {"kind": "username"}]
)
def test_unlocking_a_lockout_that_is_gone_says_so(admin_client, data):
    response = admin_client.post(reverse("staff_lockouts"), data, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("staff_lockouts"), 302)]
    assert "Эта блокировка уже снята." in response.content.decode()


def test_password_reset_form_is_throttled(client, make_user):
    make_user("ainura")
    url = reverse("wagtailadmin_password_reset")
    for _ in range(5):
        assert client.post(url, {"email": "ainura@example.org"}).status_code == 302

    response = client.post(url, {"email": "ainura@example.org"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 429
    assert "Sign-in is locked: try again after" in response.content.decode()
    assert len(mail.outbox) == 5


def test_lockout_outside_a_form_is_a_page_saying_when_to_retry(rf):
    request = rf.post("/admin/login/")
    request.user = AnonymousUser()

    with translation.override("en"):
        response = lockout_response(request)

    assert response.status_code == 429
    assert response["Retry-After"] == "1800"
    assert "Sign-in is locked: try again after" in response.content.decode()


def test_locked_sign_ins_menu_item_is_shown_to_superusers_only(client, make_user, admin_client):
    assert reverse("staff_lockouts") in admin_client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(make_user("moderator", group="Moderators"))
    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert reverse("staff_lockouts") not in response.content.decode()
