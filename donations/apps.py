from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    """The donate page and pledges."""

    name = "donations"
    verbose_name = _("Donations")

    def ready(self):
        from donations import campaigns
        from donations.forms import SUBMISSION_KEY_SALT
        from donations.models import DonatePage
        from pages import cached_forms

        campaigns.connect_signals()
        # The donate page is served from the page cache: its signed form key replaces the CSRF cookie.
        cached_forms.register("submission_key", SUBMISSION_KEY_SALT, DonatePage, "pledge_form")
