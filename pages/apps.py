from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """Shared page behaviour: home and standard pages, base models, images, settings, search."""

    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from pages import admin_permissions
        from pages.signal_handlers import register_signal_handlers

        register_signal_handlers()
        admin_permissions.install()
