"""Two-factor authentication on django-otp: who must use it, devices, backup codes.

A staff member has at most one authenticator app (a confirmed ``TOTPDevice``) and one set of one-time
backup codes (a ``StaticDevice``). Anyone with a device is asked for a code after the password; superusers
and members of ``SOS_TWO_FACTOR_GROUPS`` must enrol first when ``SOS_TWO_FACTOR_REQUIRED`` is on.
"""

import time
from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"
STATE_KEY = "staff_two_factor"
STATE_SECONDS = 300


def is_required(user):
    """Must this user have a second factor before using the admin?"""
    if not settings.SOS_TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=settings.SOS_TWO_FACTOR_GROUPS).exists()


def is_enrolled(user):
    return user_has_device(user, confirmed=True)


def is_verified(user):
    """True when this session passed the second step (django-otp's OTPMiddleware sets ``is_verified``)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def session_state(request):
    """Whether this session's user has a device and must use one, looked up at most every STATE_SECONDS.

    Kept in the session so that an admin request costs no extra query; a device set up or removed, or a
    group joined, counts within STATE_SECONDS (the views of this app refresh it at once).
    """
    user = request.user
    now = int(time.time())
    state = request.session.get(STATE_KEY)
    if not isinstance(state, dict) or state.get("user") != user.pk or not 0 <= now - state.get("at", 0) < STATE_SECONDS:
        state = {"user": user.pk, "at": now, "enrolled": is_enrolled(user), "required": is_required(user)}
        request.session[STATE_KEY] = state
    return state


def forget_state(request):
    request.session.pop(STATE_KEY, None)


def owes_second_factor(request):
    """Signed in with a password, but the admin stays closed until a code is given or a device is set up."""
    user = request.user
    if not user.is_authenticated or is_verified(user):
        return False
    state = session_state(request)
    return state["enrolled"] or state["required"]


def pending_app_device(user):
    """The unconfirmed authenticator being set up (the same secret until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def qr_code_svg(device):
    """The device's otpauth:// link as an inline SVG QR code (no image request, no script)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff", border=4)


def secret_text(device):
    """The secret in base32, grouped by four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm_app_device(device):
    """Make ``device`` the user's only authenticator."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])


@transaction.atomic
def new_backup_codes(user):
    """Replace the user's backup codes with fresh ones and return them (shown once, stored for one use each)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.SOS_TWO_FACTOR_BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify(user, token):
    """The confirmed device that accepts ``token`` (an app code or an unused backup code), else None."""
    token = "".join((token or "").split()).lower()
    if not token or len(token) > 16:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(token):
                return device
    return None


def staff_overview():
    """Every active user who may use the admin, with (user, required, enrolled), by username."""
    User = get_user_model()
    enrolled = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    enforced = set(
        User.objects.filter(Q(is_superuser=True) | Q(groups__name__in=settings.SOS_TWO_FACTOR_GROUPS)).values_list(
            "pk", flat=True
        )
    )
    staff = (
        User.objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__codename="access_admin")
            | Q(groups__permissions__codename="access_admin")
        )
        .distinct()
        .order_by(User.USERNAME_FIELD)
    )
    return [(user, user.pk in enforced, user.pk in enrolled) for user in staff]


@transaction.atomic
def remove_devices(user):
    """Forget every second-factor device of ``user`` (a lost phone); returns how many were removed."""
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    return removed
