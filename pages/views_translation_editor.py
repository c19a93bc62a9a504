"""Admin endpoints of the editors' language switch: remember the chosen language, copy from Russian."""

from django.contrib import messages
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pages import translation_editor
from pages.models.editor_language import language_choices
from pages.translation_status import field_label


def refuse(message, status):
    return JsonResponse({"error": message}, status=status)


@require_POST
def remember_language_view(request):
    language = request.POST.get("language", "")
    if language not in dict(language_choices()):
        return refuse(_("Unknown language."), 400)
    translation_editor.remember_language(request.user, language)
    return JsonResponse({"language": language})


@require_POST
def copy_from_source_view(request, page_id):
    """Copy a page field's Russian value into its empty Kyrgyz or English field, as a new draft."""
    page = translation_editor.specific_page(page_id)
    if page is None:
        # 410 rather than 404: LocaleMiddleware turns a 404 outside i18n_patterns into a redirect to /ru/….
        return refuse(_("This page does not exist."), 410)
    lock = page.get_lock()
    if not page.permissions_for_user(request.user).can_edit() or (lock and lock.for_user(request.user)):
        return refuse(_("You may not edit this page."), 403)
    name = request.POST.get("field", "")
    language = request.POST.get("language", "")
    if name not in translation_editor.copyable_fields(type(page)):
        return refuse(_("This field cannot be copied from Russian."), 400)
    if language not in translation_editor.target_languages():
        return refuse(_("Copy into Kyrgyz or English only."), 400)
    overwrite = request.POST.get("overwrite") == "1"
    if not translation_editor.copy_from_source(page, name, language, request.user, overwrite=overwrite):
        return refuse(_("This field already has a translation; confirm to replace it."), 409)
    messages.success(
        request,
        _("“%(field)s” was copied from Russian into the draft: translate the text in place.")
        % {"field": field_label(type(page), name)},
    )
    return JsonResponse({"copied": True})
