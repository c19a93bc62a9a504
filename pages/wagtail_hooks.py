from django.conf import settings
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from pages import translation_status
from pages.views_admin import translation_report_view


@hooks.register("register_admin_urls")
def register_translation_report_url():
    return [path("translation-status/", translation_report_view, name="translation_status")]


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return MenuItem(_("Translation status"), reverse("translation_status"), icon_name="globe", order=50)


class TranslationStatusPanel(Component):
    name = "translation_status"
    order = 150

    def render_html(self, parent_context=None):
        report = translation_status.build_report()
        counts = report.counts()
        summary = [
            {"name": name, "percent": report.percent(code), "gaps": counts[code]} for code, name in settings.LANGUAGES
        ]
        return render_to_string(
            "pages/admin/translation_panel.html",
            {"summary": summary, "report_url": reverse("translation_status")},
        )


@hooks.register("construct_homepage_panels")
def add_translation_status_panel(request, panels):
    panels.append(TranslationStatusPanel())
