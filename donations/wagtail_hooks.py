from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from donations import admin_views
from donations.admin_urls import urlpatterns as admin_urlpatterns


@hooks.register("register_admin_urls")
def register_pledge_urls():
    return [path("pledges/", include((admin_urlpatterns, "donations_admin"), namespace="donations_admin"))]


class PledgeMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.user_can_view(request.user)


pledge_menu = Menu(
    register_hook_name="register_pledges_menu_item",
    construct_hook_name="construct_pledges_menu",
)


@hooks.register("register_pledges_menu_item")
def register_pledge_list_item():
    return PledgeMenuItem(_("Pledges"), reverse("donations_admin:list"), icon_name="list-ul", order=100)


@hooks.register("register_pledges_menu_item")
def register_pledge_summary_item():
    return PledgeMenuItem(_("Summary"), reverse("donations_admin:summary"), icon_name="table", order=200)


class PledgesSubmenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return admin_views.user_can_view(request.user)


@hooks.register("register_admin_menu_item")
def register_pledges_menu():
    return PledgesSubmenuItem(_("Donations"), pledge_menu, icon_name="tag", name="donations", order=350)


@hooks.register("register_permissions")
def register_pledge_permissions():
    """Let administrators grant the pledge permissions to other groups in Settings → Groups."""
    return Permission.objects.filter(
        content_type__app_label="donations",
        codename__in=["view_pledge", "change_pledge", "export_pledge"],
    )


@hooks.register("register_admin_viewset")
def register_reconciliation_viewsets():
    from donations.reconciliation_views import BankCSVFormatViewSet, ReconciliationViewSet

    return [ReconciliationViewSet(), BankCSVFormatViewSet()]


def reconciliation_item(label, url_name, icon_name, order):
    from donations.reconciliation_views import ReconciliationMenuItem

    return ReconciliationMenuItem(label, reverse(url_name), icon_name=icon_name, order=order)


@hooks.register("register_pledges_menu_item")
def register_statement_upload_item():
    return reconciliation_item(_("Import a bank statement"), "donations_reconciliation:upload", "upload", 400)


@hooks.register("register_pledges_menu_item")
def register_statement_list_item():
    return reconciliation_item(_("Bank statements"), "donations_reconciliation:statements", "doc-full", 410)


@hooks.register("register_pledges_menu_item")
def register_unmatched_lines_item():
    return reconciliation_item(_("Unmatched lines"), "donations_reconciliation:lines", "list-ul", 420)
