"""An e-mail kept on its own record until it is delivered: claim, send, record the result.

Pledge confirmations (``email_*`` fields), receipts (``receipt_*``) and safeguarding alerts (``alert_*``) share
this cycle. Each record has ``<prefix>_status`` (pending / sending / sent / failed, plus its own "nothing to
send" value), ``<prefix>_attempts``, ``<prefix>_last_attempt_at``, ``<prefix>_last_error`` and
``<prefix>_sent_at``. Claiming is one conditional UPDATE, so two workers never send the same e-mail; a record
left "sending" by a process that died is pending again after ``STALE_SENDING``.
"""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

STALE_SENDING = timedelta(minutes=15)


class Outbox:
    def __init__(self, model, prefix, statuses):
        self.model = model
        self.prefix = prefix
        self.statuses = statuses  # a TextChoices with PENDING, SENDING, SENT and FAILED

    def field(self, name):
        return f"{self.prefix}_{name}"

    def _update(self, pk, **values):
        self.model.objects.filter(pk=pk).update(**{self.field(name): value for name, value in values.items()})

    def claim(self, pk):
        """Mark a pending e-mail "sending" and count the attempt; False when it is not pending (nothing to do)."""
        attempts = self.field("attempts")
        return bool(
            self.model.objects.filter(pk=pk, **{self.field("status"): self.statuses.PENDING}).update(
                **{
                    self.field("status"): self.statuses.SENDING,
                    self.field("last_attempt_at"): timezone.now(),
                    attempts: F(attempts) + 1,
                }
            )
        )

    def attempts(self, pk):
        return self.model.objects.values_list(self.field("attempts"), flat=True).get(pk=pk)

    def set_status(self, pk, status):
        self._update(pk, status=status)

    def record_failure(self, pk, error, *, attempts, max_attempts):
        """Pending again for the next try, or failed after the last one; only the error's type and text are kept."""
        self._update(
            pk,
            status=self.statuses.FAILED if attempts >= max_attempts else self.statuses.PENDING,
            last_error=f"{type(error).__name__}: {error}"[:1000],
        )

    def record_sent(self, pk):
        self._update(pk, status=self.statuses.SENT, sent_at=timezone.now(), last_error="")

    def pending_ids(self, limit):
        """Ids of pending e-mails, oldest first, after putting back those stuck "sending"."""
        status = self.field("status")
        self.model.objects.filter(
            **{status: self.statuses.SENDING, f"{self.field('last_attempt_at')}__lt": timezone.now() - STALE_SENDING}
        ).update(**{status: self.statuses.PENDING})
        pending = self.model.objects.filter(**{status: self.statuses.PENDING}).order_by("created_at")
        return list(pending.values_list("pk", flat=True)[:limit])

    def send_pending(self, send, *, limit, failure=Exception):
        """Call ``send(pk)`` for each pending e-mail; a failure is recorded by ``send`` itself. (sent, unsent)."""
        ids = self.pending_ids(limit)
        sent = 0
        for pk in ids:
            try:
                sent += send(pk)
            except failure:
                continue
        return sent, len(ids) - sent
