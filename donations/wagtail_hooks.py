from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from donations import audit, campaigns, dashboard
from donations.admin_views import PledgeViewSet, user_can_view
from donations.models import BankAccount, Campaign


@hooks.register("register_admin_viewset")
def register_pledge_viewset():
    return PledgeViewSet()


@hooks.register("register_log_actions")
def register_pledge_log_actions(actions):
    audit.register_actions(actions)


@hooks.register("construct_homepage_panels")
def add_fundraising_panel(request, panels):
    if user_can_view(request.user):
        panels.append(dashboard.FundraisingSummaryPanel())


class PledgeMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_view(request.user)


pledge_menu = Menu(
    register_hook_name="register_pledges_menu_item",
    construct_hook_name="construct_pledges_menu",
)


@hooks.register("register_pledges_menu_item")
def register_pledge_list_item():
    return PledgeMenuItem(_("Pledges"), reverse("donations_admin:index"), icon_name="list-ul", order=100)


@hooks.register("register_pledges_menu_item")
def register_dashboard_item():
    return PledgeMenuItem(
        _("Fundraising dashboard"), reverse("donations_admin:dashboard"), icon_name="table", order=200
    )


class PledgesSubmenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return user_can_view(request.user)


@hooks.register("register_admin_menu_item")
def register_pledges_menu():
    return PledgesSubmenuItem(_("Donations"), pledge_menu, icon_name="tag", name="donations", order=350)


class BankAccountViewSet(SnippetViewSet):
    """The organisation's bank accounts, one per currency (Snippets → Bank accounts)."""

    model = BankAccount
    icon = "doc-full"
    list_display = ["currency", "bank_name", "account_number"]


class CampaignViewSet(SnippetViewSet):
    """Fundraising goals for designation pages (Snippets → Campaigns)."""

    model = Campaign
    icon = "pick"
    list_display = ["title", "page", "goal_amount", "goal_currency", "starts_on", "ends_on"]


register_snippet(BankAccountViewSet)
register_snippet(CampaignViewSet)


@hooks.register("sos_page_extras")
def campaign_progress(request, page):
    """The progress bar of a running campaign, on the public page of its designation."""
    return campaigns.render_progress(request, page)


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
