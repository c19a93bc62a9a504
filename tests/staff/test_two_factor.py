"""Two-factor authentication: required roles enrol and verify, optional ones may, backup codes work once."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff import two_factor
from tests.staff.conftest import confirmed_device, current_code, sign_in

pytestmark = pytest.mark.django_db

VERIFY_URL = "/admin/two-factor/verify/"
ENROL_URL = "/admin/two-factor/"


def dashboard(client):
    return client.get(reverse("wagtailadmin_home"))


@pytest.mark.parametrize("group", ["Fundraising", "Safeguarding", "Moderators"])
def test_members_of_enforced_groups_are_sent_to_enrolment(client, make_user, two_factor_on, group):
    sign_in(client, make_user(group=group).username)

    response = dashboard(client)

    assert response.status_code == 302
    assert response["Location"] == f"{ENROL_URL}?next=%2Fadmin%2F"


def test_superuser_without_a_device_is_sent_to_enrolment(client, make_user, two_factor_on):
    sign_in(client, make_user("root", superuser=True).username)

    assert dashboard(client)["Location"].startswith(ENROL_URL)


@pytest.mark.parametrize("group", ["Editors", "Translators"])
def test_optional_roles_sign_in_with_the_password_alone(client, make_user, two_factor_on, group):
    sign_in(client, make_user(group=group).username)

    assert dashboard(client).status_code == 200


def test_with_enforcement_off_a_superuser_signs_in_without_a_phone(client, make_user):
    sign_in(client, make_user("root", superuser=True).username)

    assert dashboard(client).status_code == 200


def test_other_admin_pages_are_closed_until_enrolment(client, make_user, two_factor_on):
    sign_in(client, make_user(group="Fundraising").username)

    response = client.get(reverse("wagtailadmin_explore_root"))

    assert response.status_code == 302
    assert response["Location"].startswith(ENROL_URL)


def test_admin_icons_load_before_the_second_step(client, make_user, two_factor_on):
    sign_in(client, make_user(group="Fundraising").username)

    response = client.get(reverse("wagtailadmin_sprite"))

    assert response.status_code == 200
    assert "<svg" in response.content.decode()


def test_enrolment_page_shows_a_qr_code_and_the_key_in_russian(client, make_user, two_factor_on):
    sign_in(client, make_user(group="Safeguarding").username)

    response = client.get(ENROL_URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in content
    device = TOTPDevice.objects.get(user__username="staff-member", confirmed=False)
    assert two_factor.secret_text(device) in content
    assert "Двухфакторная аутентификация" in content


def test_enrolment_with_the_apps_code_shows_backup_codes_once_and_opens_the_admin(client, make_user, two_factor_on):
    user = make_user(group="Safeguarding")
    sign_in(client, user.username)
    client.get(ENROL_URL)
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    response = client.post(ENROL_URL, {"action": "confirm", "code": current_code(device), "next": "/admin/"})

    assert response.status_code == 200
    codes = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert dashboard(client).status_code == 200
    assert not any(code in client.get(ENROL_URL).content.decode() for code in codes)


def test_enrolment_with_a_wrong_code_is_refused(client, make_user, two_factor_on):
    user = make_user(group="Safeguarding")
    sign_in(client, user.username)
    client.get(ENROL_URL)

    response = client.post(ENROL_URL, {"action": "confirm", "code": "000000"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "This code does not match" in response.content.decode()
    assert not two_factor.is_enrolled(user)


def test_enrolled_user_is_asked_for_a_code_after_the_password(client, make_user, two_factor_on):
    user = make_user(group="Fundraising")
    confirmed_device(user)
    sign_in(client, user.username)

    response = dashboard(client)

    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY_URL)


def test_login_with_the_second_factor(client, make_user, two_factor_on):
    user = make_user(group="Fundraising")
    device = confirmed_device(user)
    sign_in(client, user.username)

    response = client.post(VERIFY_URL, {"code": current_code(device), "next": "/admin/pages/"})

    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert dashboard(client).status_code == 200


def test_wrong_code_keeps_the_admin_closed(client, make_user, two_factor_on):
    user = make_user(group="Fundraising")
    confirmed_device(user)
    sign_in(client, user.username)

    response = client.post(VERIFY_URL, {"code": "123456"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "This code is not right" in response.content.decode()
    assert dashboard(client).status_code == 302


def test_optional_user_who_enrolled_is_asked_for_the_code_too(client, make_user, two_factor_on):
    user = make_user(group="Editors")
    confirmed_device(user)
    sign_in(client, user.username)

    assert dashboard(client)["Location"].startswith(VERIFY_URL)


def test_backup_code_works_once(client, make_user, two_factor_on):
    user = make_user(group="Safeguarding")
    confirmed_device(user)
    code = two_factor.new_backup_codes(user)[0]
    sign_in(client, user.username)

    assert client.post(VERIFY_URL, {"code": code}).status_code == 302
    assert dashboard(client).status_code == 200

    client.post(reverse("wagtailadmin_logout"))
    sign_in(client, user.username)
    assert client.post(VERIFY_URL, {"code": code}).status_code == 400
    assert dashboard(client).status_code == 302


def test_verification_ignores_a_next_address_on_another_site(client, make_user, two_factor_on):
    user = make_user(group="Fundraising")
    device = confirmed_device(user)
    sign_in(client, user.username)

    response = client.post(VERIFY_URL, {"code": current_code(device), "next": "https://evil.example/"})

    assert response["Location"] == "/admin/"


def test_unverified_session_is_anonymous_on_the_public_site(client, make_user, two_factor_on):
    user = make_user(group="Fundraising")
    confirmed_device(user)
    sign_in(client, user.username)

    response = client.get("/ru/")

    assert response.status_code == 200
    assert response.wsgi_request.user.is_anonymous


def test_optional_user_can_turn_two_factor_off(client, make_user, two_factor_on):
    user = make_user(group="Editors")
    device = confirmed_device(user)
    sign_in(client, user.username)
    client.post(VERIFY_URL, {"code": current_code(device)})

    response = client.post(ENROL_URL, {"action": "disable"})

    assert response.status_code == 302
    assert not two_factor.is_enrolled(user)


def test_required_user_cannot_turn_two_factor_off(client, make_user, two_factor_on):
    user = make_user(group="Moderators")
    device = confirmed_device(user)
    sign_in(client, user.username)
    client.post(VERIFY_URL, {"code": current_code(device)})

    response = client.post(ENROL_URL, {"action": "disable"})

    assert response.status_code == 400
    assert two_factor.is_enrolled(user)


def test_reset_two_factor_command_removes_a_lost_device(make_user):
    user = make_user(group="Moderators")
    confirmed_device(user)
    two_factor.new_backup_codes(user)

    call_command("reset_two_factor", user.username, stdout=None)

    assert not two_factor.is_enrolled(user)
    assert not StaticToken.objects.filter(device__user=user).exists()


def test_reset_two_factor_command_names_an_unknown_user(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No user named 'ghost'"):
        call_command("reset_two_factor", "ghost")


def test_superuser_sees_who_must_still_set_up_two_factor(admin_client, make_user):
    make_user("fundraiser", group="Fundraising")
    confirmed_device(make_user("moderator", group="Moderators"))

    response = admin_client.get(reverse("staff_two_factor_users"), HTTP_ACCEPT_LANGUAGE="en")

    content = response.content.decode()
    assert response.status_code == 200
    assert "fundraiser" in content and "not yet" in content
    assert "moderator" in content


def test_superuser_resets_a_lost_device_in_the_admin(admin_client, make_user):
    user = make_user("moderator", group="Moderators")
    confirmed_device(user)

    response = admin_client.post(reverse("staff_two_factor_users"), {"user": user.pk})

    assert response.status_code == 302
    assert not two_factor.is_enrolled(user)


def test_two_factor_overview_is_for_superusers_only(client, make_user):
    client.force_login(make_user("moderator", group="Moderators"))

    assert client.get(reverse("staff_two_factor_users")).status_code == 403
