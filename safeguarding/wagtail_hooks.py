from django.contrib.auth.models import Permission
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from safeguarding import services
from safeguarding.admin_views import UNDELIVERED, ConcernReportViewSet, can_read_reports


@hooks.register("register_admin_viewset")
def register_concern_report_viewset():
    return ConcernReportViewSet()


@hooks.register("register_permissions")
def register_concern_report_permissions():
    """Let administrators grant the report permissions to a group in Settings → Groups."""
    return Permission.objects.filter(
        content_type__app_label="safeguarding", codename__in=["view_concernreport", "change_concernreport"]
    )


class UndeliveredAlertsPanel(Component):
    """Dashboard warning for the Safeguarding group: reports whose alert to the focal point has not gone out."""

    name = "safeguarding_undelivered_alerts"
    order = 90

    def __init__(self, count):
        self.count = count

    def render_html(self, parent_context=None):
        url = reverse("safeguarding_reports:index") + f"?alert={UNDELIVERED}"
        return render_to_string(
            "safeguarding/admin/undelivered_alerts_panel.html", {"count": self.count, "reports_url": url}
        )


@hooks.register("construct_homepage_panels")
def add_undelivered_alerts_panel(request, panels):
    if not can_read_reports(request.user):
        return
    count = services.undelivered_alerts().count()
    if count:
        panels.append(UndeliveredAlertsPanel(count))
