"""Background work of the donations app (run by the worker, retried with back-off by ``pages.tasks``)."""

from django_tasks import task

from donations import services


@task()
def send_pledge_confirmation(pledge_id):
    """Send a pledge's confirmation e-mail if it is still pending; a mail failure raises, so it is retried."""
    return services.send_confirmation_email(pledge_id)
