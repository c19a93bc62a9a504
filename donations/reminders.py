"""Monthly reminders: which pledges get one this month, the signed link that stops them, and the stop itself.

``manage.py send_monthly_reminders`` (run daily from cron) claims each due pledge by setting
``last_reminded_on`` in one conditional UPDATE, then enqueues one task per claimed pledge, so a second run
in the same month (or two runs at once) sends nothing more. A pledge made this month is not reminded: its
confirmation e-mail already carries the payment details.
"""

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext

from donations.models import DonatePage, Pledge

STOP_SALT = "donations.stop-reminders"


def month_start(day):
    return day.replace(day=1)


def due(today=None):
    """Monthly pledges that should get this month's reminder and have not had it."""
    start = month_start(today or timezone.localdate())
    return (
        Pledge.objects.identifiable()
        .filter(frequency=Pledge.Frequency.MONTHLY, reminders_stopped_at__isnull=True)
        .exclude(status=Pledge.Status.CANCELLED)
        .exclude(email="")
        .filter(created_at__date__lt=start)
        .filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=start))
    )


def claim(pledge_id, today=None):
    """Mark this month's reminder as taken; False when another run took it first."""
    today = today or timezone.localdate()
    start = month_start(today)
    return bool(
        Pledge.objects.filter(pk=pledge_id)
        .filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=start))
        .update(last_reminded_on=today)
    )


def enqueue_due(today=None):
    """Claim every due pledge and enqueue its reminder; returns how many were enqueued."""
    from donations.tasks import send_monthly_reminder

    today = today or timezone.localdate()
    count = 0
    for pledge_id in due(today).order_by("pk").values_list("pk", flat=True):
        if claim(pledge_id, today):
            send_monthly_reminder.enqueue(pledge_id)
            count += 1
    return count


def _signature(reference):
    return salted_hmac(STOP_SALT, reference, algorithm="sha256").hexdigest()[:32]


def make_stop_token(pledge):
    """ "<reference>-<HMAC of it with SECRET_KEY>": letters, digits and a dash only, which Wagtail's page URLs
    accept (``django.core.signing`` output has colons, which they do not)."""
    return f"{pledge.reference}-{_signature(pledge.reference)}"


def read_stop_token(token):
    """The monthly pledge a stop link was made for, or None when the link was altered or is unknown."""
    reference, _dash, signature = (token or "").partition("-")
    if not reference or not constant_time_compare(signature, _signature(reference)):
        return None
    return Pledge.objects.filter(reference=reference, frequency=Pledge.Frequency.MONTHLY).first()


def donate_page_for(pledge):
    page = pledge.source_page.specific if pledge.source_page_id else None
    if isinstance(page, DonatePage):
        return page
    return DonatePage.objects.live().first()


def stop_url(pledge):
    """The absolute stop link, in the donor's language."""
    page = donate_page_for(pledge)
    if page is None:
        return ""
    with translation.override(pledge.language):
        return page.get_full_url() + page.reverse_subpage("stop_reminders", args=[make_stop_token(pledge)])


def stop(pledge):
    """Stop the reminders; the history note is written in the site's main language, for staff."""
    with translation.override(settings.LANGUAGE_CODE):
        note = gettext("The donor stopped the monthly reminders with the link in a reminder e-mail.")
    return pledge.stop_reminders(note=note)
