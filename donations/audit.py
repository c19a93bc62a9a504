"""Who looked at, exported or changed pledges: entries in Wagtail's log.

They appear in the admin's "Site history" report (only to users with a pledge permission: Wagtail shows
a model's entries to those who hold a permission on it) and in each pledge's own history. An export
concerns many pledges at once, so it is one entry for the model (object id 0), saying which filters were
used and how many rows left the building. Entries hold no donor data beyond what staff typed as a search,
and that is blanked when the donor is anonymised or erased (``forget_searches``).
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as log_action
from wagtail.models import ModelLogEntry

VIEW = "donations.pledge.view"
EXPORT = "donations.pledge.export"
STATUS = "donations.pledge.status"
EXPORT_OBJECT_ID = "0"


class ExportFormatter(LogFormatter):
    label = _("Export pledges")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        message = _("Exported %(rows)s pledges as %(format)s") % {
            "rows": data.get("rows", "?"),
            "format": str(data.get("format", "")).upper(),
        }
        filters = data.get("filters") or {}
        if filters:
            used = ", ".join(f"{name}={value}" for name, value in sorted(filters.items()))
            message = _("%(message)s; filters: %(filters)s") % {"message": message, "filters": used}
        return message


class StatusFormatter(LogFormatter):
    label = _("Change pledge status")

    def format_message(self, log_entry):
        from donations.models import Pledge

        data = log_entry.data or {}
        labels = dict(Pledge.Status.choices)
        return _("Status changed from “%(from)s” to “%(to)s”") % {
            "from": labels.get(data.get("from"), data.get("from", "")),
            "to": labels.get(data.get("to"), data.get("to", "")),
        }


def register_actions(actions):
    """For the ``register_log_actions`` hook."""
    actions.register_action(VIEW, _("View pledge"), _("Viewed the pledge"))
    actions.register_action(EXPORT)(ExportFormatter)
    actions.register_action(STATUS)(StatusFormatter)


def entries():
    """Every audit-log entry about pledges (``manage.py prune_pledge_audit_log`` deletes the old ones)."""
    return ModelLogEntry.objects.filter(action__in=[VIEW, EXPORT, STATUS])


def log_view(pledge, user):
    return log_action(instance=pledge, action=VIEW, user=user)


def log_status_change(change):
    """The note stays in the pledge's own status history (it may name the donor), not in the log."""
    return log_action(
        instance=change.pledge,
        action=STATUS,
        user=change.changed_by,
        data={"from": change.from_status, "to": change.to_status},
    )


FORGOTTEN = "…"
MIN_MATCH = 3


def forget_searches(identities):
    """Blank the search text of logged exports that looked for one of these names, e-mails or phones.

    Called when donors are anonymised or erased, so that the audit log keeps who exported what, not
    whom they searched for. A search matches when it is part of an identity or contains one.
    """
    identities = [text.casefold() for text in identities if len(text) >= MIN_MATCH]
    if not identities:
        return 0
    changed = []
    for entry in ModelLogEntry.objects.filter(action=EXPORT).only("pk", "data"):
        filters = (entry.data or {}).get("filters") or {}
        query = str(filters.get("q", "")).strip().casefold()
        if len(query) < MIN_MATCH or query == FORGOTTEN:
            continue
        if any(query in identity or identity in query for identity in identities):
            entry.data = {**entry.data, "filters": {**filters, "q": FORGOTTEN}}
            changed.append(entry)
    ModelLogEntry.objects.bulk_update(changed, ["data"])
    return len(changed)


def log_export(user, *, export_format, filters, rows):
    """One entry for an export: its format, the filters and search used (non-empty ones) and the row count."""
    from donations.models import Pledge

    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Pledge),
        object_id=EXPORT_OBJECT_ID,
        label=str(_("Pledge export")),
        action=EXPORT,
        user=user,
        timestamp=timezone.now(),
        data={"format": export_format, "filters": filters, "rows": rows},
    )
