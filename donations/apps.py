from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    """The donate page and pledges."""

    name = "donations"
    verbose_name = _("Donations")

    def ready(self):
        from donations import campaigns

        campaigns.connect_signals()
