"""Money received: bank statements, their lines, and the payments matched to pledges.

A statement line is stored once (its ``line_id`` is unique, built from the bank's own ids or from a hash
of its content), and a payment points at one line at most (one-to-one), so importing a statement twice
changes nothing and no line is ever counted twice. A refund is a payment with a negative amount.

How payments move a pledge's status (``recompute_payment_statuses``), counting payments in the
pledge's own currency:

- one-off: the sum of payments ≥ the pledged amount → "received"; above zero → "partly received";
- monthly: each month stands alone. The month of the latest payment decides: the payments of that
  calendar month ≥ the monthly amount → "received"; above zero → "partly received";
- a payment in another currency than the pledge's cannot be compared: the pledge is at least
  "partly received" and staff decide;
- when refunds bring the sum back to zero or below, the pledge returns to the status it had before
  its first payment.
"""

from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pledges import Pledge, PledgeStatusChange
from .settings import CURRENCIES

CHUNK = 500


def chunked(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


class BankCSVFormat(models.Model):
    """How one bank writes its CSV statements: which column holds what, and how numbers and dates look."""

    class Delimiter(models.TextChoices):
        COMMA = ",", _("Comma (,)")
        SEMICOLON = ";", _("Semicolon (;)")
        TAB = "\t", _("Tab")
        PIPE = "|", _("Vertical bar (|)")

    class Encoding(models.TextChoices):
        UTF8 = "utf-8-sig", _("UTF-8")
        CP1251 = "cp1251", _("Windows-1251 (Cyrillic)")

    class DecimalSeparator(models.TextChoices):
        POINT = ".", _("Point (1234.50)")
        COMMA = ",", _("Comma (1234,50)")

    name = models.CharField(_("bank"), max_length=100, unique=True)
    delimiter = models.CharField(_("delimiter"), max_length=1, choices=Delimiter.choices, default=Delimiter.COMMA)
    encoding = models.CharField(_("encoding"), max_length=20, choices=Encoding.choices, default=Encoding.UTF8)
    date_format = models.CharField(
        _("date format"),
        max_length=20,
        default="%d.%m.%Y",
        help_text=_("As Python writes it: %d.%m.%Y for 31.01.2026, %Y-%m-%d for 2026-01-31."),
    )
    decimal_separator = models.CharField(
        _("decimal separator"), max_length=1, choices=DecimalSeparator.choices, default=DecimalSeparator.POINT
    )
    date_column = models.CharField(_("date column"), max_length=100)
    amount_column = models.CharField(
        _("amount column"), max_length=100, help_text=_("Negative amounts are refunds or debits.")
    )
    currency_column = models.CharField(
        _("currency column"), max_length=100, blank=True, help_text=_("Empty: every line is in the default currency.")
    )
    default_currency = models.CharField(
        _("default currency"), max_length=3, choices=[(code, code) for code in CURRENCIES], default="KGS"
    )
    payer_column = models.CharField(_("payer column"), max_length=100)
    purpose_column = models.CharField(_("payment purpose column"), max_length=100)
    account_column = models.CharField(_("payer account column"), max_length=100, blank=True)
    line_id_column = models.CharField(
        _("line id column"),
        max_length=100,
        blank=True,
        help_text=_("The bank's own id of each line. Empty: an id is made from the line's date, amount and texts."),
    )

    class Meta:
        verbose_name = _("bank CSV format")
        verbose_name_plural = _("bank CSV formats")
        ordering = ["name"]

    def __str__(self):
        return self.name


class BankStatement(models.Model):
    """One uploaded statement file and what its import did."""

    class Format(models.TextChoices):
        CSV = "csv", _("CSV")
        CAMT053 = "camt053", _("ISO 20022 camt.053 (XML)")

    file_name = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    bank = models.CharField(_("bank"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, db_index=True)
    lines_in_file = models.PositiveIntegerField(_("lines in the file"), default=0)
    lines_imported = models.PositiveIntegerField(_("new lines"), default=0)
    duplicates_skipped = models.PositiveIntegerField(_("lines already imported"), default=0)
    lines_matched = models.PositiveIntegerField(_("matched"), default=0)
    refunds = models.PositiveIntegerField(_("refunds and debits"), default=0)

    class Meta:
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.file_name

    @property
    def lines_unmatched(self):
        return self.lines_imported - self.lines_matched


class StatementLineQuerySet(models.QuerySet):
    def unmatched(self):
        return self.filter(state=StatementLine.State.UNMATCHED)


class StatementLine(models.Model):
    """One booking of a bank statement: money in (positive) or out (negative)."""

    class State(models.TextChoices):
        UNMATCHED = "unmatched", _("Not matched")
        MATCHED = "matched", _("Matched to a pledge")
        IGNORED = "ignored", _("Not a donation")

    class MatchedBy(models.TextChoices):
        REFERENCE = "reference", _("Reference in the payment purpose")
        AMOUNT_PAYER = "amount_payer", _("Amount, currency and payer")
        MANUAL = "manual", _("By hand")

    statement = models.ForeignKey(
        BankStatement, on_delete=models.CASCADE, related_name="lines", verbose_name=_("statement")
    )
    line_id = models.CharField(_("bank's line id"), max_length=200, unique=True)
    source_line = models.PositiveIntegerField(_("line in the file"))
    booking_date = models.DateField(_("booking date"), db_index=True)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    payer = models.CharField(_("payer"), max_length=255, blank=True)
    payer_account = models.CharField(_("payer account"), max_length=64, blank=True)
    purpose = models.TextField(_("payment purpose"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.UNMATCHED)
    matched_by = models.CharField(_("matched by"), max_length=15, choices=MatchedBy.choices, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=1000)

    objects = StatementLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("statement line")
        verbose_name_plural = _("statement lines")
        ordering = ["-booking_date", "pk"]
        indexes = [models.Index(fields=["state", "booking_date"], name="donations_line_state_idx")]

    def __str__(self):
        return f"{self.booking_date:%Y-%m-%d} {self.amount} {self.currency} {self.payer}".strip()

    @property
    def is_refund(self):
        return self.amount < 0


class Payment(models.Model):
    """Money received for a pledge (negative: refunded), with the delivery state of its receipt."""

    class ReceiptStatus(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, gave up")
        NOT_SENT = "not_sent", _("Not sent (refund, no e-mail or donor data removed)")

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="payments", verbose_name=_("pledge"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    received_on = models.DateField(_("received on"))
    statement_line = models.OneToOneField(
        StatementLine,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payment",
        verbose_name=_("statement line"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True, max_length=1000)
    receipt_status = models.CharField(
        _("receipt"), max_length=10, choices=ReceiptStatus.choices, default=ReceiptStatus.PENDING
    )
    receipt_attempts = models.PositiveSmallIntegerField(_("receipt attempts"), default=0)
    receipt_last_attempt_at = models.DateTimeField(_("last receipt attempt"), null=True, blank=True)
    receipt_last_error = models.TextField(_("last receipt error"), blank=True)
    receipt_sent_at = models.DateTimeField(_("receipt sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["receipt_status"], name="donations_payment_receipt_idx")]

    def __str__(self):
        return f"{self.pledge_id}: {self.amount} {self.currency} ({self.received_on:%Y-%m-%d})"

    @property
    def is_refund(self):
        return self.amount < 0


PAYMENT_STATUSES = (Pledge.Status.RECEIVED, Pledge.Status.PARTIAL)


def _status_from_payments(pledge, payments):
    """The status ``pledge`` should have given its payments, or None for "as before its first payment"."""
    own = [(amount, day) for amount, currency, day in payments if currency == pledge.currency]
    foreign = any(amount > 0 for amount, currency, _day in payments if currency != pledge.currency)
    if pledge.frequency == Pledge.Frequency.MONTHLY and own:
        latest = max(day for _amount, day in own)
        total = sum((amount for amount, day in own if (day.year, day.month) == (latest.year, latest.month)), Decimal(0))
    else:
        total = sum((amount for amount, _day in own), Decimal(0))
    if total >= pledge.amount:
        return Pledge.Status.RECEIVED
    if total > 0 or foreign:
        return Pledge.Status.PARTIAL
    return None


def _statuses_before_payments(pledge_ids):
    """For each pledge, the status it had before payments moved it (pledged when unknown)."""
    before = {}
    changes = (
        PledgeStatusChange.objects.filter(pledge_id__in=pledge_ids, to_status__in=PAYMENT_STATUSES)
        .exclude(from_status__in=PAYMENT_STATUSES)
        .order_by("pledge_id", "-changed_at", "-pk")
        .values_list("pledge_id", "from_status")
    )
    for pledge_id, from_status in changes:
        before.setdefault(pledge_id, from_status)
    return {pledge_id: before.get(pledge_id, Pledge.Status.PLEDGED) for pledge_id in pledge_ids}


def recompute_payment_statuses(pledge_ids, user=None, note=""):
    """Set the payment-driven status of these pledges in a few queries per 500; returns how many changed.

    The pledges are locked (PostgreSQL) while their payments are summed, so two imports touching the
    same pledge at once write one status change each, in turn, rather than both from the same old status.
    """
    changed = 0
    with transaction.atomic():
        for chunk in chunked(sorted(set(pledge_ids))):
            changed += _recompute_chunk(chunk, user, note)
    return changed


def _recompute_chunk(chunk, user, note):
    pledges = list(
        Pledge.objects.select_for_update()
        .filter(pk__in=chunk)
        .order_by("pk")
        .only("pk", "status", "amount", "currency", "frequency")
    )
    payments = defaultdict(list)
    rows = Payment.objects.filter(pledge_id__in=chunk).values_list("pledge_id", "amount", "currency", "received_on")
    for pledge_id, amount, currency, day in rows:
        payments[pledge_id].append((amount, currency, day))
    wanted = {pledge.pk: _status_from_payments(pledge, payments[pledge.pk]) for pledge in pledges}
    reverting = [p.pk for p in pledges if wanted[p.pk] is None and p.status in PAYMENT_STATUSES]
    if reverting:
        wanted.update(_statuses_before_payments(reverting))
    history, by_status = [], defaultdict(list)
    now = timezone.now()
    for pledge in pledges:
        new_status = wanted[pledge.pk]
        if new_status is None or new_status == pledge.status:
            continue
        history.append(
            PledgeStatusChange(
                pledge_id=pledge.pk,
                from_status=pledge.status,
                to_status=new_status,
                changed_by=user,
                changed_at=now,
                note=note,
            )
        )
        by_status[new_status].append(pledge.pk)
    PledgeStatusChange.objects.bulk_create(history)
    for status, ids in by_status.items():
        Pledge.objects.filter(pk__in=ids).update(status=status, updated_at=now)
    return len(history)
