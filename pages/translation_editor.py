"""The editors' language switch: one language's fields at a time, with the Russian source beside them.

The page, snippet and settings editors get a JSON data block (``editor_data``) with the editor's
remembered language, the Russian value of every translated field of the object being edited (plain
text, rich text rendered, StreamField blocks summarised) and the strings the script shows;
``pages/static/pages/admin/translation_editor.js`` reads it. ``copy_from_source`` puts the Russian
value of a StreamField or rich-text field into a Kyrgyz or English field of a page's latest draft.
"""

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from modeltranslation.translator import NotRegistered, translator
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from pages.models import EditorLanguagePreference
from pages.models.editor_language import ALL_LANGUAGES, language_choices
from pages.translation_status import is_empty, source_language, translated_fields, value_in

STREAM = "stream"
RICH_TEXT = "rich"
TEXT = "text"
SUMMARY_WORDS = 12


def target_languages():
    return [code for code, _name in settings.LANGUAGES if code != source_language()]


def preferred_language(user):
    preference = EditorLanguagePreference.objects.filter(user=user).values_list("language", flat=True).first()
    return preference if preference in dict(language_choices()) else ALL_LANGUAGES


def remember_language(user, language):
    """One UPDATE when the user has chosen before (every click of the switch), an INSERT the first time."""
    if not EditorLanguagePreference.objects.filter(user=user).update(language=language):
        EditorLanguagePreference.objects.create(user=user, language=language)


def field_kind(model, name):
    field = model._meta.get_field(name)
    if isinstance(field, StreamField):
        return STREAM
    if isinstance(field, RichTextField):
        return RICH_TEXT
    return TEXT


def is_translated_model(model):
    try:
        translator.get_options_for_model(model)
    except NotRegistered:
        return False
    return True


def copyable_fields(model):
    """Translated StreamField and rich-text fields: the ones "Copy from Russian" fills."""
    if not is_translated_model(model):
        return []
    return [name for name in translated_fields(model) if field_kind(model, name) in (STREAM, RICH_TEXT)]


def block_words(block, value):
    """The words a translator reads in a block: its text, and the titles of chosen images, documents, pages."""
    if value is None:
        return []
    if isinstance(block, blocks.StructBlock):
        return [word for name, child in block.child_blocks.items() for word in block_words(child, value.get(name))]
    if isinstance(block, blocks.ListBlock):
        return [word for item in value for word in block_words(block.child_block, item)]
    if isinstance(block, blocks.StreamBlock):
        return [word for child in value for word in block_words(child.block, child.value)]
    if isinstance(block, blocks.ChooserBlock):
        return [f"[{value}]"]
    if isinstance(block, blocks.ChoiceBlock | blocks.BooleanBlock):
        return []
    return [strip_tags(text) for text in block.get_searchable_content(value) if text]


def summarise_stream(value):
    """One line per block: its type as the editor's menu names it, then its first words."""
    return [
        {
            "type": str(child.block.label or child.block_type),
            "text": Truncator(" ".join(block_words(child.block, child.value))).words(SUMMARY_WORDS),
        }
        for child in value
    ]


def source_of(obj, name):
    """The source-language value of ``name`` on ``obj``, ready for the script to show read-only."""
    kind = field_kind(type(obj), name)
    value = value_in(obj, name, source_language())
    entry = {"kind": kind, "empty": is_empty(value)}
    if entry["empty"]:
        return entry
    if kind == STREAM:
        entry["blocks"] = summarise_stream(value)
    elif kind == RICH_TEXT:
        entry["html"] = expand_db_html(value)
    else:
        entry["text"] = str(value)
    entry["targets_empty"] = {code: is_empty(value_in(obj, name, code)) for code in target_languages()}
    return entry


def editor_data(obj, user, copy_url=""):
    """What the language switch needs on one editor page; ``obj`` is None on a create form."""
    model = type(obj) if obj is not None else None
    translated = model is not None and is_translated_model(model)
    fields = sorted(translator.get_options_for_model(model).all_fields) if translated else []
    saved = translated and obj.pk is not None
    sources = {name: source_of(obj, name) for name in translated_fields(model)} if saved else {}
    return {
        "fields": fields,
        "language": preferred_language(user),
        "languages": [[code, str(name)] for code, name in language_choices()],
        "source_language": source_language(),
        "sources": sources,
        "copyable": copyable_fields(model) if saved and copy_url else [],
        "copy_url": copy_url,
        "strings": {
            "switch": gettext("Language of the fields"),
            "source": gettext("Russian source"),
            "empty": gettext("No Russian text yet."),
            "copy": gettext("Copy from Russian"),
            "confirm": gettext("This field already has a translation. Replace it with the Russian text?"),
            "failed": gettext("The Russian text could not be copied. Reload the page and try again."),
            "unsaved": gettext("Save your changes first: copying reloads the editor."),
        },
    }


def copy_from_source(page, name, language, user, overwrite=False):
    """Put the Russian value of ``name`` into ``language`` in a new draft revision of ``page``.

    Returns False (and changes nothing) when the target already has a value and ``overwrite`` is
    not set; the latest draft, not the live page, is the starting point, so unpublished edits stay.
    """
    draft = page.get_latest_revision_as_object()
    target = f"{name}_{language}"
    if not overwrite and not is_empty(getattr(draft, target)):
        return False
    setattr(draft, target, fresh_copy(value_in(draft, name, source_language())))
    draft.save_revision(user=user, log_action=True)
    return True


def fresh_copy(value):
    """A StreamField value as raw blocks without their ids (Wagtail gives the copies new ones)."""
    if hasattr(value, "raw_data"):
        return [{key: item for key, item in block.items() if key != "id"} for block in value.raw_data]
    return value


def specific_page(page_id):
    return Page.objects.filter(pk=page_id).specific().first()
