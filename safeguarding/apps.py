from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafeguardingConfig(AppConfig):
    """Child safeguarding: the "report a concern" page and form, the reports' admin, the focal point's contacts."""

    name = "safeguarding"
    verbose_name = _("Safeguarding")
    # Who sees this app's background tasks (the focal point's alerts) in Reports → Background tasks (pages.task_admin).
    task_viewer_permission = "safeguarding.view_concernreport"

    def ready(self):
        from pages import cached_forms
        from safeguarding.models import ConcernReportPage
        from safeguarding.views import TOKEN_SALT

        # The report page is served from the page cache: its signed form token replaces the CSRF cookie.
        cached_forms.register("form_token", TOKEN_SALT, ConcernReportPage, "report_form")
