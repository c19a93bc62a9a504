import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct-horse-battery"


@pytest.fixture
def make_user(db, django_user_model):
    """A staff member with a known password, optionally in a group or a superuser."""

    def make(username="staff-member", group=None, superuser=False):
        if superuser:
            return django_user_model.objects.create_superuser(username, f"{username}@example.org", PASSWORD)
        user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def two_factor_on(settings):
    settings.SOS_TWO_FACTOR_REQUIRED = True


def current_code(device):
    """The code an authenticator app shows now for ``device``."""
    device.refresh_from_db()
    return str(TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()).zfill(device.digits)


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def sign_in(client, username, password=PASSWORD, **headers):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password}, **headers)


def signed_in(client):
    return "_auth_user_id" in client.session
