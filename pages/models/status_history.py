from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StatusChange(models.Model):
    """One step of a record's status workflow: who moved it, when, from which status to which, and why.

    Pledges and concern reports keep their history in a subclass that adds the foreign key to its record
    (``RECORD_FIELD`` names it) and ``from_status``/``to_status`` with the record's own status choices.
    ``pages/admin/status_history.html`` shows such a history with the form that adds to it.
    """

    RECORD_FIELD = None

    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True, max_length=2000)

    class Meta:
        abstract = True
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"

    @classmethod
    def record(cls, instance, *, from_status, to_status, user=None, note=""):
        """Add a step to ``instance``'s history (call it inside the transaction that changes the status)."""
        return cls.objects.create(
            **{cls.RECORD_FIELD: instance}, from_status=from_status, to_status=to_status, changed_by=user, note=note
        )

    @property
    def changed_by_name(self):
        user = self.changed_by
        if user is None:
            return ""
        return user.get_full_name() or user.get_username()
