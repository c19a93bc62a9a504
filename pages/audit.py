"""The audit trail of sensitive records: who viewed, exported or changed them, as Wagtail log entries.

Entries are ordinary ``ModelLogEntry`` rows, so they show in the admin's Settings → Reports → "Site history"
and in an object's history, and only to people who hold a permission on that model (Wagtail filters the
site history by permission: an Editor never sees that a concern report was opened). An entry names the
user, the action, the time and the object's label (``str(obj)``, which must carry no personal data), plus
the small ``data`` given here (e.g. the statuses before and after); never the record's content.

Shared by every section with sensitive records (concern reports, pledges):
``record(obj, VIEWED, user)``, ``record(obj, STATUS_CHANGED, user, data={"from": "new", "to": "closed"})``,
``record_many(queryset, EXPORTED, user)`` for an export (one bulk insert).
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as wagtail_log

VIEWED = "sos.viewed"
EXPORTED = "sos.exported"
STATUS_CHANGED = "sos.status_changed"
ADDED_BY_REPORTER = "sos.added_by_reporter"


class StatusChangeFormatter(LogFormatter):
    label = _("Change status")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        if data.get("from_label") and data.get("to_label"):
            return _("Changed status from “%(from)s” to “%(to)s”") % {
                "from": data["from_label"],
                "to": data["to_label"],
            }
        return _("Changed status")


def register_actions(actions):
    """Called from the ``register_log_actions`` hook (pages/wagtail_hooks.py)."""
    actions.register_action(VIEWED, _("View"), _("Viewed"))
    actions.register_action(EXPORTED, _("Export"), _("Exported"))
    actions.register_action(ADDED_BY_REPORTER, _("Addition from the reporter"), _("The reporter added to the report"))
    actions.register_action(STATUS_CHANGED)(StatusChangeFormatter)


def record(instance, action, user, data=None):
    """One log entry: ``user`` did ``action`` to ``instance``."""
    return wagtail_log(instance, action, user=user, data=data or {})


def record_many(queryset, action, user, data=None):
    """One entry per object of ``queryset`` (an export), in a single insert; returns how many were written."""
    from wagtail.models import ModelLogEntry

    content_type = ContentType.objects.get_for_model(queryset.model, for_concrete_model=False)
    now = timezone.now()
    entries = [
        ModelLogEntry(
            content_type=content_type,
            object_id=str(instance.pk),
            label=str(instance)[:255],
            action=action,
            user=user,
            timestamp=now,
            data=data or {},
        )
        for instance in queryset
    ]
    ModelLogEntry.objects.bulk_create(entries)
    return len(entries)
