"""Background tasks: eager in tests, stored and drained by a real worker, retried with back-off, shown to staff."""

import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.images.tests.utils import get_test_image_file
from wagtail.tasks import update_reference_index_task

from donations import services as donation_services
from donations.models import Pledge
from donations.tasks import send_pledge_confirmation
from pages import tasks
from pages.models import SearchEntry, SiteImage, StandardPage
from pages.templatetags.image_tags import all_specs
from safeguarding.tasks import send_report_alert
from tests.donations.factories import PledgeFactory
from tests.safeguarding.factories import ConcernReportFactory

FAILING_MAIL = "tests.donations.failing_backend.EmailBackend"
LOCMEM_MAIL = "django.core.mail.backends.locmem.EmailBackend"
PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def standard_page(home_page):
    return StandardPage.objects.live().child_of(home_page).first()


@pytest.mark.django_db
def test_tasks_run_at_once_in_tests(standard_page):
    SearchEntry.objects.filter(page=standard_page).delete()
    result = tasks.update_search_index.enqueue(standard_page.pk)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert SearchEntry.objects.filter(page=standard_page).count() == len(django_settings.LANGUAGES)


@pytest.mark.django_db
def test_publishing_stores_a_search_index_task_with_the_database_backend(standard_page, database_tasks):
    standard_page.save_revision().publish()
    queued = DBTaskResult.objects.get(task_path="pages.tasks.update_search_index")
    assert queued.status == TaskResultStatus.READY
    assert queued.args_kwargs == {"args": [standard_page.pk], "kwargs": {}}


@pytest.mark.django_db
def test_the_search_index_task_drops_an_unpublished_page(standard_page):
    standard_page.unpublish()
    assert not SearchEntry.objects.filter(page=standard_page).exists()


@pytest.mark.django_db
def test_the_search_index_task_of_a_deleted_page_removes_its_entries(standard_page):
    page_id = standard_page.pk
    standard_page.delete()
    assert tasks.update_search_index.enqueue(page_id).status == TaskResultStatus.SUCCESSFUL
    assert not SearchEntry.objects.filter(page_id=page_id).exists()


def new_image(**fields):
    cache.clear()  # Wagtail caches renditions by image id; ids come back after each test's rollback
    return SiteImage.objects.create(title="Village", file=get_test_image_file(size=(1600, 1000)), **fields)


def rendition_specs(image):
    return set(image.renditions.values_list("filter_spec", flat=True))


@pytest.mark.django_db
def test_an_uploaded_image_gets_every_rendition_from_a_task(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = new_image()
    assert set(all_specs()) <= rendition_specs(image)


@pytest.mark.django_db
def test_an_upload_makes_no_rendition_before_its_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image = new_image()
    assert rendition_specs(image) == set()
    for callback in callbacks:
        callback()
    assert set(all_specs()) <= rendition_specs(image)


@pytest.mark.django_db
def test_publishing_a_page_makes_the_renditions_of_its_images(standard_page, django_capture_on_commit_callbacks):
    image = new_image()
    standard_page.hero_image = image
    with django_capture_on_commit_callbacks(execute=True):
        standard_page.save_revision().publish()
    assert set(all_specs()) <= rendition_specs(image)


@pytest.mark.django_db
def test_a_photo_of_children_without_consent_gets_no_rendition():
    image = new_image(shows_children=True)
    assert tasks.make_image_renditions.enqueue(image.pk).return_value == 0
    assert rendition_specs(image) == set()


def test_back_off_doubles_from_the_first_delay_up_to_the_maximum(settings):
    settings.TASKS_RETRY_DELAY = 60
    settings.TASKS_RETRY_MAX_DELAY = 600
    assert [tasks.retry_delay(attempt) for attempt in range(1, 6)] == [60, 120, 240, 480, 600]


def test_only_tasks_of_the_projects_apps_are_retried():
    assert tasks.is_project_task(send_pledge_confirmation)
    assert tasks.is_project_task(send_report_alert)
    assert not tasks.is_project_task(update_reference_index_task)


@pytest.mark.django_db
def test_a_failed_task_is_put_back_with_back_off_then_succeeds(run_worker, settings, mailoutbox):
    settings.EMAIL_BACKEND = FAILING_MAIL
    settings.TASKS_RETRY_DELAY = 60
    pledge = PledgeFactory(email_status=Pledge.EmailStatus.PENDING)
    send_pledge_confirmation.enqueue(pledge.pk)
    before = timezone.now()
    assert run_worker() == 1

    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.READY
    assert len(queued.worker_ids) == 1
    assert queued.exception_class_path == "smtplib.SMTPServerDisconnected"
    assert before + timedelta(seconds=59) < queued.run_after < timezone.now() + timedelta(seconds=61)
    assert run_worker() == 0  # not due yet

    DBTaskResult.objects.filter(pk=queued.pk).update(run_after=timezone.now() - timedelta(seconds=1))
    settings.EMAIL_BACKEND = LOCMEM_MAIL
    assert run_worker() == 1
    queued.refresh_from_db()
    pledge.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL and len(queued.worker_ids) == 2
    assert queued.exception_class_path == ""
    assert pledge.email_status == Pledge.EmailStatus.SENT and pledge.email_attempts == 2
    assert [message.to for message in mailoutbox] == [[pledge.email]]


@pytest.mark.django_db
def test_the_second_retry_waits_twice_as_long(run_worker, settings):
    settings.EMAIL_BACKEND = FAILING_MAIL
    settings.TASKS_RETRY_DELAY = 60
    pledge = PledgeFactory(email_status=Pledge.EmailStatus.PENDING)
    send_pledge_confirmation.enqueue(pledge.pk)
    run_worker()
    DBTaskResult.objects.update(run_after=timezone.now() - timedelta(seconds=1))
    before = timezone.now()
    run_worker()
    queued = DBTaskResult.objects.get()
    assert len(queued.worker_ids) == 2
    assert before + timedelta(seconds=119) < queued.run_after < timezone.now() + timedelta(seconds=121)


@pytest.mark.django_db
def test_a_task_stays_failed_after_the_last_attempt(run_worker, settings):
    settings.EMAIL_BACKEND = FAILING_MAIL
    settings.TASKS_MAX_ATTEMPTS = 2
    settings.DONATIONS_EMAIL_MAX_ATTEMPTS = 2
    pledge = PledgeFactory(email_status=Pledge.EmailStatus.PENDING)
    send_pledge_confirmation.enqueue(pledge.pk)
    run_worker()
    DBTaskResult.objects.update(run_after=timezone.now() - timedelta(seconds=1))
    run_worker()
    queued = DBTaskResult.objects.get()
    pledge.refresh_from_db()
    assert queued.status == TaskResultStatus.FAILED and len(queued.worker_ids) == 2
    assert pledge.email_status == Pledge.EmailStatus.FAILED


@pytest.mark.django_db
def test_a_permanent_error_is_not_retried(run_worker, monkeypatch):
    def refuse(page_id):
        raise tasks.PermanentTaskError("nothing to index")

    monkeypatch.setattr(tasks.search, "index_page", refuse)
    tasks.update_search_index.enqueue(StandardPage.objects.first().pk)
    run_worker()
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED


@pytest.mark.django_db
def test_a_libraries_task_is_not_retried(run_worker):
    update_reference_index_task.enqueue("pages", "standardpage", "999999")
    run_worker()
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED


# --- A real worker process ---


def worker_environment(database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sos_site.settings.dev",
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": database_url,
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "PYTHONUNBUFFERED": "1",
    }


def run_worker_process(database_url):
    return subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0"],
        cwd=PROJECT_DIR,
        env=worker_environment(database_url),
        capture_output=True,
        text=True,
        timeout=120,
    )


def drain_with_a_worker_process(tmp_path):
    """Run `manage.py db_worker --batch` against this test's database; returns the finished process.

    PostgreSQL: the worker connects to the test database itself. SQLite's test database lives in this process's
    memory, so it is copied to a file for the worker and the file copied back afterwards.
    """
    if connection.vendor == "postgresql":
        params = connection.settings_dict
        url = f"postgres://{params['USER']}:{params['PASSWORD'] or ''}@{params['HOST']}:{params['PORT'] or 5432}/"
        return run_worker_process(url + params["NAME"])
    path = tmp_path / "worker.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    done = run_worker_process(f"sqlite:///{path}")
    with sqlite3.connect(path) as copy:
        copy.backup(connection.connection)
    return done


@pytest.mark.django_db(transaction=True)
def test_a_worker_process_drains_the_queue(database_tasks, tree_root, tmp_path, django_user_model):
    """Committed tasks of two apps, one real `db_worker --batch` process: every one runs and succeeds."""
    officer = django_user_model.objects.create_user("officer", "officer@example.org", "password")
    officer.groups.add(Group.objects.get_or_create(name="Safeguarding")[0])
    pledges = [PledgeFactory(email_status=Pledge.EmailStatus.PENDING) for _ in range(3)]
    for pledge in pledges:
        donation_services.queue_confirmation_email(pledge)  # outside a transaction: enqueued at once
    report = ConcernReportFactory()
    send_report_alert.enqueue(report.pk)
    ours = DBTaskResult.objects.filter(
        task_path__in=[send_pledge_confirmation.module_path, send_report_alert.module_path]
    )
    assert ours.filter(status=TaskResultStatus.READY).count() == 4

    done = drain_with_a_worker_process(tmp_path)

    assert done.returncode == 0, done.stderr[-3000:]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
    for pledge in pledges:
        pledge.refresh_from_db()
        assert pledge.email_status == Pledge.EmailStatus.SENT
        assert pledge.reference in done.stdout  # the console mail backend of the worker printed the e-mail
    report.refresh_from_db()
    assert report.alert_status == report.AlertStatus.SENT


# --- Reports → Background tasks ---


def stored_task(
    task_path, status=TaskResultStatus.FAILED, error="SMTPServerDisconnected: Connection closed", attempts=3
):
    return DBTaskResult.objects.create(
        task_path=task_path,
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
        status=status,
        worker_ids=["worker"] * attempts,
        exception_class_path="smtplib.SMTPServerDisconnected" if error else "",
        traceback=f"Traceback (most recent call last):\n  ...\nsmtplib.{error}\n" if error else "",
    )


@pytest.fixture
def task_rows(db):
    return {
        "pledge": stored_task("donations.tasks.send_pledge_confirmation"),
        "alert": stored_task("safeguarding.tasks.send_report_alert", status=TaskResultStatus.READY),
        "done": stored_task("pages.tasks.update_search_index", status=TaskResultStatus.SUCCESSFUL, error=""),
    }


def listed(response):
    assert response.status_code == 200
    return {row.pk for row in response.context["object_list"]}


def test_a_superuser_sees_failed_and_waiting_tasks_with_error_and_attempts(admin_client, task_rows):
    response = admin_client.get(reverse("background_tasks:index"))
    assert listed(response) == {task_rows["pledge"].pk, task_rows["alert"].pk}
    html = response.content.decode()
    assert "send_pledge_confirmation" in html
    assert "smtplib.SMTPServerDisconnected: Connection closed" in html


def test_the_task_list_filters_by_state(admin_client, task_rows):
    response = admin_client.get(reverse("background_tasks:index"), {"state": "retrying"})
    assert listed(response) == {task_rows["alert"].pk}


def test_the_safeguarding_group_sees_only_its_alerts(client, django_user_model, task_rows):
    officer = django_user_model.objects.create_user("officer", "officer@example.org", "password")
    officer.groups.add(Group.objects.get(name="Safeguarding"))
    client.force_login(officer)
    assert listed(client.get(reverse("background_tasks:index"))) == {task_rows["alert"].pk}


@pytest.mark.parametrize("group", ["Editors", "Moderators", "Fundraising"])
def test_other_staff_may_not_open_the_task_list(client, django_user_model, task_rows, group):
    user = django_user_model.objects.create_user("staff", "staff@example.org", "password")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    assert client.get(reverse("background_tasks:index")).status_code == 403


def test_a_failed_task_can_be_retried_now_from_the_list(admin_client, task_rows):
    url = reverse("background_tasks:retry", args=[task_rows["pledge"].pk])
    assert url in admin_client.get(reverse("background_tasks:index")).content.decode()
    response = admin_client.post(url)
    assert response.status_code == 302
    task = DBTaskResult.objects.get(pk=task_rows["pledge"].pk)
    assert task.status == TaskResultStatus.READY and task.run_after <= timezone.now()
    assert DBTaskResult.objects.ready().filter(pk=task.pk).exists()


def test_the_safeguarding_group_may_not_retry_other_teams_tasks(client, django_user_model, task_rows):
    officer = django_user_model.objects.create_user("officer", "officer@example.org", "password")
    officer.groups.add(Group.objects.get(name="Safeguarding"))
    client.force_login(officer)
    client.post(reverse("background_tasks:retry", args=[task_rows["pledge"].pk]))
    assert DBTaskResult.objects.get(pk=task_rows["pledge"].pk).status == TaskResultStatus.FAILED
