from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficesConfig(AppConfig):
    """Offices, villages and programmes on the map, with their contacts."""

    name = "offices"
    verbose_name = _("Offices")
