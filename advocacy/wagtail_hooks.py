"""Admin: the section's snippets under one "Advocacy" menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from advocacy.models import FocusArea, KeyDocument


class FocusAreaViewSet(SnippetViewSet):
    model = FocusArea
    icon = "tag"
    menu_label = _("Focus areas")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "slug"]


class KeyDocumentViewSet(SnippetViewSet):
    model = KeyDocument
    icon = "doc-full"
    menu_label = _("Key documents")
    list_display = ["title", "issuing_body", "year"]
    list_filter = ["year"]
    search_fields = ["title"]


class AdvocacyViewSetGroup(SnippetViewSetGroup):
    items = (FocusAreaViewSet, KeyDocumentViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Advocacy")
    menu_name = "advocacy"


register_snippet(AdvocacyViewSetGroup)
