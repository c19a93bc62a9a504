from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvocacyConfig(AppConfig):
    """Advocacy programmes, research reports and key reference documents."""

    name = "advocacy"
    verbose_name = _("Advocacy")
