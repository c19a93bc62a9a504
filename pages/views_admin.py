"""Admin views of the pages app: the translation completeness report."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from pages import admin_permissions, translation_status


def can_read_translation_report(user):
    """Those who write or translate pages: the report lists every page title with an edit link."""
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


def translation_report_view(request):
    if not can_read_translation_report(request.user):
        return admin_permissions.forbidden(
            request, _("The translation report is for editors, translators and moderators.")
        )
    languages = dict(settings.LANGUAGES)
    language = request.GET.get("language") or None
    if language not in languages:
        language = None
    sections = translation_status.section_choices()
    section = request.GET.get("section") or None
    if section not in sections:
        section = None
    report = translation_status.build_report(section=section, language=language)
    summary = [
        {
            "code": code,
            "name": name,
            "percent": report.percent(code),
            "gaps": report.counts()[code],
        }
        for code, name in settings.LANGUAGES
        if language is None or code == language
    ]
    return render(
        request,
        "pages/admin/translation_report.html",
        {
            "page_title": _("Translation status"),
            "header_icon": "globe",
            "report": report,
            "summary": summary,
            "languages": settings.LANGUAGES,
            "sections": sections,
            "selected_language": language or "",
            "selected_section": section or "",
        },
    )
