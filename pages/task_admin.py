"""Reports → Background tasks: the tasks that failed, wait for a retry, wait their turn or are running.

Superusers see every task. Anyone else sees only the tasks of apps that name a permission they hold
(``task_viewer_permission`` on the app's ``AppConfig``, e.g. the Safeguarding group and its alerts), so ``pages/``
needs to know no section app. Successful tasks are not listed (``manage.py prune_db_task_results`` removes them).
"""

from functools import wraps

import django_filters
from django.apps import apps
from django.db.models import Q
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView

from pages import admin_permissions

FAILED = "failed"
RETRYING = "retrying"
QUEUED = "queued"
RUNNING = "running"
STATE_LABELS = {
    FAILED: gettext_lazy("Failed, gave up"),
    RETRYING: gettext_lazy("Failed, will be retried"),
    QUEUED: gettext_lazy("Waiting to run"),
    RUNNING: gettext_lazy("Running"),
}


def state_filter(state):
    failed_before = ~Q(exception_class_path="")
    return {
        FAILED: Q(status=TaskResultStatus.FAILED),
        RETRYING: Q(status=TaskResultStatus.READY) & failed_before,
        QUEUED: Q(status=TaskResultStatus.READY, exception_class_path=""),
        RUNNING: Q(status=TaskResultStatus.RUNNING),
    }[state]


def state_of(result):
    if result.status == TaskResultStatus.FAILED:
        return FAILED
    if result.status == TaskResultStatus.RUNNING:
        return RUNNING
    return RETRYING if result.exception_class_path else QUEUED


def visible_task_prefixes(user):
    """None for every task (superusers), else the module prefixes of the apps whose tasks ``user`` may see."""
    if user.is_superuser:
        return None
    return [
        f"{config.name}."
        for config in apps.get_app_configs()
        if getattr(config, "task_viewer_permission", None) and user.has_perm(config.task_viewer_permission)
    ]


def can_view_tasks(user):
    return user.is_active and (user.is_superuser or bool(visible_task_prefixes(user)))


def tasks_for(user):
    """The unfinished or failed tasks ``user`` may see."""
    results = DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL)
    prefixes = visible_task_prefixes(user)
    if prefixes is not None:
        allowed = Q(pk__in=[])
        for prefix in prefixes:
            allowed |= Q(task_path__startswith=prefix)
        results = results.filter(allowed)
    return results


def last_error(result):
    """The exception's class and message (the traceback's last line), never the whole traceback."""
    if not result.exception_class_path:
        return ""
    lines = [line for line in result.traceback.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else result.exception_class_path.rsplit(".", 1)[-1]


def next_attempt(result):
    if result.status != TaskResultStatus.READY:
        return None
    if result.run_after == get_date_max():
        return result.enqueued_at
    return max(result.run_after, timezone.now()) if result.run_after else None


class TaskFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("State"), choices=list(STATE_LABELS.items()), method="filter_state"
    )

    class Meta:
        model = DBTaskResult
        fields = []

    def filter_state(self, queryset, name, value):
        return queryset.filter(state_filter(value))


class RetryColumn(Column):
    """A "Retry now" button for a task that failed (given up or waiting for its next try)."""

    cell_template_name = "pages/admin/task_retry_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if state_of(instance) in (FAILED, RETRYING) and context["request"] is not None:
            context["retry_url"] = reverse("background_tasks:retry", args=[instance.pk])
            context["csrf_token"] = get_token(context["request"])
        return context


class TaskIndexView(IndexView):
    model = DBTaskResult
    filterset_class = TaskFilterSet
    index_url_name = "background_tasks:index"
    index_results_url_name = "background_tasks:index_results"
    default_ordering = "-enqueued_at"
    page_title = gettext_lazy("Background tasks")
    header_icon = "cogs"
    paginate_by = 50

    def get_base_queryset(self):
        return tasks_for(self.request.user)

    @property
    def columns(self):
        return [
            Column("task_name", label=gettext_lazy("Task"), accessor="task_name"),
            Column("state", label=gettext_lazy("State"), accessor=lambda result: STATE_LABELS[state_of(result)]),
            Column("attempts", label=gettext_lazy("Attempts"), accessor=lambda result: len(result.worker_ids)),
            Column("error", label=gettext_lazy("Last error"), accessor=last_error),
            DateColumn("next_attempt", label=gettext_lazy("Next attempt"), accessor=next_attempt),
            DateColumn("enqueued_at", label=gettext_lazy("Queued"), sort_key="enqueued_at"),
            DateColumn("finished_at", label=gettext_lazy("Gave up"), sort_key="finished_at"),
            RetryColumn("retry", label=gettext_lazy("Actions"), accessor=lambda result: ""),
        ]


@require_POST
def retry_now(request, pk):
    """Run a failed task again as soon as a worker is free; one more failure is final if it had used its tries."""
    updated = (
        tasks_for(request.user)
        .filter(pk=pk)
        .filter(state_filter(FAILED) | state_filter(RETRYING))
        .update(status=TaskResultStatus.READY, run_after=timezone.now(), finished_at=None)
    )
    if updated:
        messages.success(request, _("The task will run again as soon as a worker is free."))
    else:
        messages.error(request, _("This task is not waiting for a retry any more."))
    return redirect("background_tasks:index")


def tasks_viewers_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_view_tasks(request.user):
            return admin_permissions.forbidden(
                request, _("The background task list is open to administrators and to the teams whose tasks it shows.")
            )
        return view(request, *args, **kwargs)

    return wrapped


def urlpatterns():
    return [
        path("", tasks_viewers_only(TaskIndexView.as_view()), name="index"),
        path("results/", tasks_viewers_only(TaskIndexView.as_view(results_only=True)), name="index_results"),
        path("<uuid:pk>/retry/", tasks_viewers_only(retry_now), name="retry"),
    ]


class TasksMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_tasks(request.user)


def menu_item():
    return TasksMenuItem(
        gettext_lazy("Background tasks"), reverse("background_tasks:index"), icon_name="cogs", order=60
    )
