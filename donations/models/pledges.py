import secrets

from django.conf import settings
from django.db import IntegrityError, models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from donations import audit
from pages.models import StatusChange

from .settings import CURRENCIES

# Crockford's base32: digits and capitals without I, L, O and U, so a reference read over the phone
# is never ambiguous. Ten characters give 2**50 possibilities: unguessable, still short.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_LENGTH = 10
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_reference():
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def normalise_reference(text):
    """What a donor typed or a URL carried → the stored form, or "" when it cannot be a reference."""
    value = (text or "").strip().upper().replace("-", "").replace(" ", "").translate(_READ_AS)
    if len(value) != REFERENCE_LENGTH or any(char not in REFERENCE_ALPHABET for char in value):
        return ""
    return value


class PledgeQuerySet(models.QuerySet):
    def create_once(self, *, submission_key, **fields):
        """(pledge, created): a new pledge, or the one already made from this submission key.

        Safe under concurrency: the unique constraints decide. A clash of references (2**-50 per pair) gets
        a new reference; a clash of submission keys returns the winner. Outside a transaction the pledge is
        one INSERT, committed by itself (no BEGIN and COMMIT round trips: a refused INSERT leaves nothing
        behind); inside one (a caller's ``atomic``, tests) a savepoint keeps the caller's transaction usable.
        """
        using = router.db_for_write(self.model)
        in_transaction = transaction.get_connection(using).in_atomic_block
        for _attempt in range(5):
            pledge = self.model(submission_key=submission_key, reference=new_reference(), **fields)
            try:
                if in_transaction:
                    with transaction.atomic(using=using):
                        pledge.save(force_insert=True, using=using)
                else:
                    pledge.save(force_insert=True, using=using)
            except IntegrityError:
                existing = self.filter(submission_key=submission_key).first()
                if existing is not None:
                    return existing, False
                continue
            return pledge, True
        raise IntegrityError("Could not find a free pledge reference after 5 attempts.")

    def identifiable(self):
        return self.filter(anonymised_at__isnull=True)

    def for_email(self, email):
        return self.identifiable().filter(email__iexact=(email or "").strip())

    def anonymise(self):
        """Remove the donor's identity from these pledges, keeping amounts, dates and statuses for reports.

        Exports logged with a search for one of these donors (name, e-mail, phone) lose that search text.
        """
        now = timezone.now()
        with transaction.atomic():
            donors = list(self.identifiable().values_list("pk", "donor_name", "email", "phone"))
            ids = [pk for pk, *_identity in donors]
            audit.forget_searches({text for _pk, *identity in donors for text in identity if text})
            PledgeStatusChange.objects.filter(pledge_id__in=ids).exclude(note="").update(note="")
            pending = [Pledge.EmailStatus.PENDING, Pledge.EmailStatus.SENDING, Pledge.EmailStatus.FAILED]
            Pledge.objects.filter(pk__in=ids, email_status__in=pending).update(email_status=Pledge.EmailStatus.SKIPPED)
            Pledge.objects.filter(pk__in=ids).update(
                donor_name="",
                email="",
                phone="",
                email_last_error="",
                anonymised_at=now,
                updated_at=now,
            )
        return len(ids)


class Pledge(models.Model):
    """A donor's promise to give: never lost, never duplicated, and traceable through its status history."""

    class Frequency(models.TextChoices):
        ONE_OFF = "one_off", _("One-off")
        MONTHLY = "monthly", _("Monthly")

    class Status(models.TextChoices):
        PLEDGED = "pledged", _("Pledged")
        CONFIRMED = "confirmed", _("Confirmed")
        FULFILLED = "fulfilled", _("Fulfilled")
        CANCELLED = "cancelled", _("Cancelled")
        # Set by recorded payments only (see recompute_payment_status), never chosen by staff.
        RECEIVED = "received", _("Received")
        PARTIAL = "partial", _("Partly received")

    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, gave up")
        SKIPPED = "skipped", _("Not sent (donor data removed)")

    # Which statuses staff may move a pledge to from each status; corrections one step back are allowed.
    TRANSITIONS = {
        Status.PLEDGED: (Status.CONFIRMED, Status.CANCELLED),
        Status.CONFIRMED: (Status.FULFILLED, Status.CANCELLED, Status.PLEDGED),
        Status.FULFILLED: (Status.CONFIRMED,),
        Status.CANCELLED: (Status.PLEDGED,),
    }

    reference = models.CharField(_("reference"), max_length=REFERENCE_LENGTH, unique=True, editable=False)
    submission_key = models.CharField(
        _("submission key"),
        max_length=64,
        unique=True,
        editable=False,
        help_text=_("One per displayed form: a form sent twice makes one pledge."),
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=[(code, code) for code in CURRENCIES])
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    designation = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("designation"),
        help_text=_("Empty: where most needed."),
    )
    designation_title = models.CharField(
        _("designation as the donor saw it"), max_length=255, blank=True, help_text=_("Kept if the page is deleted.")
    )
    donor_name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    anonymous = models.BooleanField(_("give anonymously"), default=False)
    consent_given = models.BooleanField(_("consented to data processing"), default=False)
    consent_version = models.CharField(_("consent version"), max_length=40, blank=True)
    consent_text = models.TextField(_("consent text shown"), blank=True)
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)
    news_opt_in = models.BooleanField(_("wants news"), default=False)
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLEDGED)
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("source page"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    email_status = models.CharField(
        _("confirmation e-mail"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    email_last_attempt_at = models.DateTimeField(_("last e-mail attempt"), null=True, blank=True)
    email_last_error = models.TextField(_("last e-mail error"), blank=True)
    email_sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("donor data removed"), null=True, blank=True)
    last_reminded_on = models.DateField(
        _("last monthly reminder"), null=True, blank=True, help_text=_("Monthly pledges get one reminder a month.")
    )
    reminders_stopped_at = models.DateTimeField(_("reminders stopped by the donor"), null=True, blank=True)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-created_at", "-pk"]
        permissions = [("export_pledge", "Can export pledges")]
        indexes = [
            models.Index(fields=["status", "created_at"], name="donations_pledge_status_idx"),
            models.Index(fields=["email_status"], name="donations_pledge_email_idx"),
        ]

    def __str__(self):
        return self.reference

    @property
    def display_name(self):
        if self.anonymised_at:
            return str(_("(data removed)"))
        return self.donor_name or str(_("(no name given)"))

    @property
    def designation_label(self):
        return self.designation_title or str(_("Where most needed"))

    @property
    def wants_reminders(self):
        return self.frequency == self.Frequency.MONTHLY and self.reminders_stopped_at is None

    def stop_reminders(self, note):
        """Stop the monthly reminders once, recording it in the status history; False when already stopped."""
        with transaction.atomic():
            stopped = Pledge.objects.filter(pk=self.pk, reminders_stopped_at__isnull=True).update(
                reminders_stopped_at=timezone.now(), updated_at=timezone.now()
            )
            if stopped:
                PledgeStatusChange.objects.create(
                    pledge=self, from_status=self.status, to_status=self.status, note=note
                )
        return bool(stopped)

    def allowed_statuses(self):
        return self.TRANSITIONS.get(self.status, ())

    def change_status(self, new_status, user=None, note=""):
        """Move to ``new_status``, record who did it, when and why (history, audit log); returns the history entry."""
        with transaction.atomic():
            current = Pledge.objects.select_for_update().get(pk=self.pk)
            if new_status not in current.allowed_statuses():
                raise ValueError(f"{current.status} → {new_status} is not allowed")
            change = PledgeStatusChange.record(
                current, from_status=current.status, to_status=new_status, user=user, note=note
            )
            Pledge.objects.filter(pk=self.pk).update(status=new_status, updated_at=timezone.now())
            audit.log_status_change(change)
        self.status = new_status
        return change

    def recompute_payment_status(self, user=None, note=""):
        """Move to "received" / "partly received" from the recorded payments (rule in payments.py)."""
        from .payments import recompute_payment_statuses

        recompute_payment_statuses([self.pk], user=user, note=note)
        self.refresh_from_db(fields=["status", "updated_at"])


class PledgeStatusChange(StatusChange):
    """One step of a pledge's status history."""

    RECORD_FIELD = "pledge"

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=12, choices=Pledge.Status.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=Pledge.Status.choices)
    note = models.TextField(_("note"), blank=True, max_length=1000)

    class Meta(StatusChange.Meta):
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.pledge}: {self.from_status} → {self.to_status}"
