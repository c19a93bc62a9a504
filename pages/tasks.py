"""Background work of pages/, and the retries every task of the project gets.

A task is a plain ``@task()`` function (``from django_tasks import task``) in any app of this repository,
enqueued with ``.enqueue(...)`` (after commit when it reaches the outside world: ``transaction.on_commit``).
Nothing else is needed: when it raises under the database backend, ``retry_failed_task`` puts the same task
row back in the queue with ``run_after`` pushed back exponentially (``TASKS_RETRY_DELAY`` seconds, doubling, at
most ``TASKS_RETRY_MAX_DELAY``) until it has run ``TASKS_MAX_ATTEMPTS`` times; then it stays failed and is
listed in the admin (Reports → Background tasks) with its error. Keeping the row (rather than enqueueing a
copy) makes the library's own attempt count (``worker_ids``) the retry counter and keeps one row per job.

Tasks of installed libraries (Wagtail's reference index, file clean-up) are left to the library: they fail once.
A task that must not be retried raises ``PermanentTaskError``.
"""

import logging
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.signals import task_finished
from django_tasks.utils import get_module_path
from wagtail.images import get_image_model
from wagtail.models import Page

from pages import consent, search
from pages.models import SearchEntry
from pages.templatetags.image_tags import all_specs

logger = logging.getLogger(__name__)


class PermanentTaskError(Exception):
    """Raised by a task whose failure another attempt cannot fix (it is recorded as failed at once)."""


def max_attempts():
    return settings.TASKS_MAX_ATTEMPTS


def retry_delay(attempts):
    """Seconds to wait after the ``attempts``-th failed run: the base delay, doubling, capped."""
    return min(settings.TASKS_RETRY_DELAY * 2 ** (attempts - 1), settings.TASKS_RETRY_MAX_DELAY)


def is_project_task(task_obj):
    """A task defined in an app of this repository (a top-level folder next to manage.py), not in a library."""
    app_config = apps.get_containing_app_config(task_obj.func.__module__)
    return app_config is not None and Path(app_config.path).parent == Path(settings.BASE_DIR)


@receiver(task_finished, dispatch_uid="pages_retry_failed_task")
def retry_failed_task(sender, task_result, **kwargs):
    """Put a failed task of ours back in the queue with back-off, until it has run TASKS_MAX_ATTEMPTS times."""
    db_result = getattr(task_result, "db_result", None)
    if task_result.status != TaskResultStatus.FAILED or db_result is None or not is_project_task(task_result.task):
        return  # succeeded, ran in the request (immediate backend), or a library's own task
    try:
        schedule_retry(db_result)
    except Exception:  # noqa: BLE001 -- the worker sends this signal unguarded; never let it stop the worker
        logger.exception("Task %s (%s) could not be scheduled for a retry.", db_result.pk, db_result.task_path)


def schedule_retry(db_result):
    attempts = len(db_result.worker_ids)
    if attempts >= max_attempts() or db_result.exception_class_path == get_module_path(PermanentTaskError):
        logger.error("Task %s (%s) failed for good after %s attempt(s).", db_result.pk, db_result.task_path, attempts)
        return
    run_after = timezone.now() + timedelta(seconds=retry_delay(attempts))
    type(db_result).objects.filter(pk=db_result.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    logger.warning(
        "Task %s (%s) failed (attempt %s of %s); next attempt at %s.",
        db_result.pk,
        db_result.task_path,
        attempts,
        max_attempts(),
        run_after.isoformat(timespec="seconds"),
    )


# --- The site search index (pages/search.py) ---


@task()
def update_search_index(page_id):
    """Index a page in every language, or drop it from the search when it is no longer live, public or there."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        SearchEntry.objects.filter(page_id=page_id).delete()
        return
    search.index_page(page)


def queue_search_update(page):
    """Enqueued in the publishing transaction: with the database backend the task exists only if the publish does."""
    update_search_index.enqueue(page.pk)


# --- Image renditions (the presets of pages/templatetags/image_tags.py) ---


def make_renditions(image):
    """Every preset's renditions of one image (existing ones are kept); returns how many, 0 for a hidden photo."""
    if not consent.is_shown_on_website(image):
        return 0
    return len(image.get_renditions(*all_specs()))


@task()
def make_image_renditions(image_id):
    image = get_image_model().objects.filter(pk=image_id).first()
    return make_renditions(image) if image is not None else 0


@task()
def make_page_renditions(page_id):
    """The renditions of every image a published page uses (foreign keys, StreamField blocks, rich text)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    return sum(make_renditions(image) for image in consent.images_used_by(page.specific))


def queue_image_renditions(image):
    image_id = image.pk  # robust: a task that cannot be stored is logged, never an error for the editor
    transaction.on_commit(lambda: make_image_renditions.enqueue(image_id), robust=True)


def queue_page_renditions(page):
    page_id = page.pk
    transaction.on_commit(lambda: make_page_renditions.enqueue(page_id), robust=True)
