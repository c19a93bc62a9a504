from django.contrib.auth.models import Permission
from wagtail import hooks

from safeguarding.admin_views import ConcernReportViewSet


@hooks.register("register_admin_viewset")
def register_concern_report_viewset():
    return ConcernReportViewSet()


@hooks.register("register_permissions")
def register_concern_report_permissions():
    """Let administrators grant the report permissions to a group in Settings → Groups."""
    return Permission.objects.filter(
        content_type__app_label="safeguarding", codename__in=["view_concernreport", "change_concernreport"]
    )
