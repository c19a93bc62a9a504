from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from pages import editor_guide


def editor_guide_view(request):
    language = editor_guide.guide_language(request.GET.get("language"))
    html, title = editor_guide.render(language)
    other = "en" if language == "ru" else "ru"
    return TemplateResponse(
        request,
        "pages/admin/editor_guide.html",
        {
            "page_title": _("Editors' guide"),
            "header_title": _("Editors' guide"),
            "header_icon": "help",
            "guide": mark_safe(html),  # our own docs/editors.*.md, reviewed with the code
            "guide_title": title,
            "guide_language": language,
            "other_language": other,
        },
    )


def editor_guide_image_view(request, name):
    path = editor_guide.image_path(name)
    if path is None:
        raise Http404
    return FileResponse(path.open("rb"), content_type="image/png")
