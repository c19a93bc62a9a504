from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """Shared page behaviour: home and standard pages, base models, images, settings, search."""

    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from pages import admin_permissions, cache, checks, frontend_cache, tasks, translation_status  # noqa: F401 -- tasks: failed tasks are retried
        from pages.signal_handlers import register_signal_handlers

        register_signal_handlers()
        # Purge the page cache on publish in every process, management commands such as
        # publish_scheduled included, not only in the web processes.
        cache.connect_signals()
        # The CDN / reverse proxy: PURGE and BAN after the commit, once the page cache has its new generation.
        frontend_cache.connect_signals()
        admin_permissions.install()
        from pages import routing

        routing.install()
        from pages import sibling_slugs

        sibling_slugs.install()
        translation_status.connect_signals()
