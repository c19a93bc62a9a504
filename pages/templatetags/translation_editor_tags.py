"""The data block read by the editors' language switch (pages/static/pages/admin/translation_editor.js)."""

from django import template
from django.urls import reverse
from django.utils.html import json_script
from wagtail.models import Page

from pages import translation_editor

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_editor_data(context):
    """A ``<script type="application/json">`` with the switch's data; "" outside an editor."""
    request = context.get("request")
    if request is None or not getattr(request, "user", None) or not request.user.is_authenticated:
        return ""
    # Edit views name the object ("page", "object"); a create view has only its form's new instance.
    obj = context.get("page") or context.get("object") or getattr(context.get("form"), "instance", None)
    if obj is not None and not hasattr(obj, "_meta"):
        obj = None
    copy_url = ""
    if isinstance(obj, Page) and obj.pk:
        copy_url = reverse("translation_copy_from_source", args=[obj.pk])
    data = translation_editor.editor_data(obj, request.user, copy_url=copy_url)
    data["preference_url"] = reverse("translation_editor_language")
    return json_script(data, "sos-translation-editor-data")
