from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Staff accounts: login lockout, two-factor authentication, idle staff sessions."""

    name = "staff"
    verbose_name = _("Staff accounts")
