from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from staff import views


@hooks.register("register_admin_urls")
def register_staff_urls():
    return [
        path("two-factor/", views.TwoFactorView.as_view(), name="staff_two_factor"),
        path("two-factor/verify/", views.VerifyView.as_view(), name="staff_two_factor_verify"),
        path("two-factor/users/", views.TwoFactorUsersView.as_view(), name="staff_two_factor_users"),
        path("lockouts/", views.LockoutListView.as_view(), name="staff_lockouts"),
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return SuperuserMenuItem(_("Locked sign-ins"), reverse("staff_lockouts"), icon_name="lock", order=610)


@hooks.register("register_settings_menu_item")
def register_two_factor_users_menu_item():
    return SuperuserMenuItem(
        _("Two-factor authentication of staff"), reverse("staff_two_factor_users"), icon_name="key", order=611
    )


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("staff_two_factor"),
        "label": _("Two-factor authentication"),
        "help_text": _("Set up an authenticator app, make new backup codes."),
    }
