"""Background work of the donations app (django-tasks): small functions with plain arguments."""

from django_tasks import task

from donations import services


@task()
def send_monthly_reminder(pledge_id):
    """Send one monthly reminder; an error propagates so that the queue retries it."""
    return services.send_reminder_email(pledge_id)
