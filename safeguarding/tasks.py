"""Background work of the safeguarding app (run by the worker, retried with back-off by ``pages.tasks``)."""

from django_tasks import task

from safeguarding import services


@task()
def send_report_alert(report_id):
    """Tell the focal point a new report is waiting, if not done yet; a failure raises, so it is retried."""
    return services.send_new_report_notice(report_id)
