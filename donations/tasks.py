"""Background work of the donations app (run by the worker, retried with back-off by ``pages.tasks``)."""

from django_tasks import task

from donations import services


@task()
def send_pledge_confirmation(pledge_id):
    """Send a pledge's confirmation e-mail if it is still pending; a mail failure raises, so it is retried."""
    return services.send_confirmation_email(pledge_id)


@task()
def send_monthly_reminder(pledge_id):
    """Send one monthly reminder; an error propagates so that the queue retries it."""
    return services.send_reminder_email(pledge_id)
