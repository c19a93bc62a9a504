"""Campaign progress on the public page of a designation: money received, never merely pledged.

``pages/`` knows nothing of donations: its base template calls the ``sos_page_extras`` hook, and
``donations.wagtail_hooks`` answers it with :func:`render_progress`. Which pages have a running campaign is
kept in the cache for the day (one query a day, none per page view); a saved or deleted campaign clears it.
The whole-page cache is purged by ``pages.cache`` when a campaign (a snippet) changes, and here when a
payment for a campaign's page is recorded or removed.
"""

from decimal import Decimal

from django.apps import apps
from django.core.cache import cache
from django.db.models import Sum
from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.utils import timezone

from donations.formatting import format_amount
from pages import cache as page_cache
from pages import render_cache

CACHE_KEY = "donations:campaigns:{day}"
CACHE_SECONDS = 24 * 3600


def _cache_key(day=None):
    return CACHE_KEY.format(day=(day or timezone.localdate()).isoformat())


def current_campaigns():
    """{page id: the running campaign that started last}, cached for the day (in the shared cache, and in each
    process for the render-cache generation, which a campaign's save purges: pages/render_cache.py)."""
    key = _cache_key()
    return render_cache.get(None, ("campaigns", key), lambda: _load_campaigns(key))


def _load_campaigns(key):
    campaigns = cache.get(key)
    if campaigns is None:
        campaigns = {}
        for campaign in apps.get_model("donations", "Campaign").objects.current().order_by("starts_on", "pk"):
            campaigns[campaign.page_id] = campaign
        cache.set(key, campaigns, CACHE_SECONDS)
    return campaigns


def forget_campaigns(**kwargs):
    cache.delete(_cache_key())


def payment_model():
    """The ``Payment`` model of the statement import, or None where it is not installed yet."""
    try:
        return apps.get_model("donations", "Payment")
    except LookupError:
        return None


def received_total(campaign):
    """Money received for the campaign's page in the goal's currency, within its dates (refunds subtract)."""
    payment = payment_model()
    if payment is None:
        return Decimal(0)
    payments = payment.objects.filter(
        pledge__designation_id=campaign.page_id,
        currency=campaign.goal_currency,
        received_on__gte=campaign.starts_on,
    )
    if campaign.ends_on:
        payments = payments.filter(received_on__lte=campaign.ends_on)
    return payments.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def progress(campaign):
    """The figures the progress bar shows; ``received`` is never below zero."""
    received = max(received_total(campaign), Decimal(0))
    goal = campaign.goal_amount
    percent = min(int(received * 100 / goal), 100) if goal > 0 else 0
    return {
        "campaign": campaign,
        "received": received,
        "goal": goal,
        "percent": percent,
        "received_text": format_amount(received),
        "goal_text": format_amount(goal),
        # <progress> takes plain numbers, whatever the visitor's language.
        "value_attr": f"{min(received, goal):.2f}",
        "max_attr": f"{goal:.2f}",
    }


def render_progress(request, page):
    campaign = current_campaigns().get(getattr(page, "pk", None))
    if campaign is None:
        return ""
    return render_to_string("donations/includes/campaign_progress.html", progress(campaign), request=request)


def payments_changed(pledge_ids):
    """Payments of these pledges were recorded or removed: purge the page cache if a campaign's bar moved.

    Saving or deleting one ``Payment`` calls this through its signals; code that writes payments in bulk
    (``bulk_create`` sends no signal, e.g. the statement import) calls it once with every pledge id.
    """
    pledge_ids = [pk for pk in set(pledge_ids) if pk is not None]
    if not pledge_ids:
        return False
    pledge_model = apps.get_model("donations", "Pledge")
    campaign_pages = apps.get_model("donations", "Campaign").objects.values("page_id")
    if pledge_model.objects.filter(pk__in=pledge_ids, designation_id__in=campaign_pages).exists():
        page_cache.purge("payments for a campaign's page")
        return True
    return False


def purge_for_payment(sender, instance=None, raw=False, **kwargs):
    if raw or instance is None:
        return
    payments_changed([instance.pledge_id])


def connect_signals():
    campaign = apps.get_model("donations", "Campaign")
    post_save.connect(forget_campaigns, sender=campaign, dispatch_uid="donations_campaigns_saved")
    post_delete.connect(forget_campaigns, sender=campaign, dispatch_uid="donations_campaigns_deleted")
    payment = payment_model()
    if payment is not None:
        post_save.connect(purge_for_payment, sender=payment, dispatch_uid="donations_campaign_payment_saved")
        post_delete.connect(purge_for_payment, sender=payment, dispatch_uid="donations_campaign_payment_deleted")
