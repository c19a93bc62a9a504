"""Translation completeness: which translatable fields are missing or stale in ru, ky or en.

A field is *expected* in every language as soon as one language has a value. It is *missing* in a
language where it is empty. It is *stale* in a target language (ky, en) when the source language
(ru) changed in a later revision than the one where that translation was last edited: pages keep
their revisions, so staleness is read from their history; models without revisions can only be
missing, never stale.
"""

import functools
import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.signals import post_delete, post_save
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page, Revision

from pages.models import TranslationState

SKIPPED_FIELDS = {"slug", "url_path"}
REVISIONS_READ_PER_PAGE = 100
MISSING = "missing"
STALE = "stale"


def languages():
    return [code for code, _name in settings.LANGUAGES]


def source_language():
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


@dataclass
class TranslationGap:
    """One object in one language with the fields that need work."""

    model: type
    object_id: str
    label: str
    language: str
    section: str
    missing: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    edit_url: str = ""

    @property
    def language_name(self):
        return dict(settings.LANGUAGES).get(self.language, self.language)

    @property
    def missing_labels(self):
        return [field_label(self.model, name) for name in self.missing]

    @property
    def stale_labels(self):
        return [field_label(self.model, name) for name in self.stale]


def field_label(model, name):
    """The field's name as editors see it in the admin ("introduction"), not its code name."""
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def model_section(model):
    """A snippet or setting type's section title: plural for snippets, singular for one-per-site settings."""
    meta = model._meta
    name = meta.verbose_name if hasattr(model, "for_site") else meta.verbose_name_plural
    return str(name)[:1].upper() + str(name)[1:]


@dataclass
class TranslationReport:
    """What the report and the dashboard show, read from the stored states."""

    gaps: list
    expected: dict  # language → number of field values expected
    complete: dict  # language → number of those present and fresh

    def percent(self, language):
        expected = self.expected.get(language, 0)
        return 100.0 if expected == 0 else 100.0 * self.complete.get(language, 0) / expected

    gap_counts: dict = field(default_factory=dict)  # language → objects with at least one gap

    def counts(self):
        """Language → number of objects with at least one gap."""
        return {code: self.gap_counts.get(code, 0) for code in languages()}


def translated_fields(model):
    options = translator.get_options_for_model(model)
    return [name for name in options.all_fields if name not in SKIPPED_FIELDS]


def value_in(obj, name, language):
    return getattr(obj, build_localized_fieldname(name, language))


def has_any_value(obj, name):
    return any(not is_empty(value_in(obj, name, code)) for code in languages())


def is_empty(value):
    if value is None:
        return True
    if hasattr(value, "raw_data"):
        return len(value.raw_data) == 0
    if isinstance(value, str):
        return value.strip() in ("", "[]")
    return False


def raw_value(value):
    """A comparable form of a field value (StreamField values compare by their JSON)."""
    if hasattr(value, "raw_data"):
        return json.dumps(list(value.raw_data), sort_keys=True, default=str)
    if isinstance(value, list | dict):
        return json.dumps(value, sort_keys=True, default=str)
    return value


def stale_fields(revisions, field_names, language):
    """Fields whose source value changed after ``language``'s value last changed, across revisions."""
    source = source_language()
    last_changed = defaultdict(dict)
    previous = None
    for index, revision in enumerate(revisions):
        content = revision.content
        for name in field_names:
            for code in (source, language):
                key = build_localized_fieldname(name, code)
                value = raw_value(content.get(key))
                if previous is None or raw_value(previous.get(key)) != value:
                    last_changed[name][code] = index
        previous = content
    return [
        name
        for name in field_names
        if name in last_changed and last_changed[name].get(source, -1) > last_changed[name].get(language, -1)
    ]


def page_section(page, sections):
    """Title of the top-level section (child of the home page) a page belongs to."""
    for path, title in sections:
        if page.path.startswith(path):
            return title
    return str(page.title_ru or page.title)


def edit_url_for(obj):
    """The object's edit page in the admin (pages, images, documents, snippets, settings), or ""."""
    return AdminURLFinder().get_edit_url(obj) or ""


def _page_sections():
    home_depth = 2
    return [(page.path, str(page.title_ru or page.title)) for page in Page.objects.filter(depth=home_depth + 1)]


def _translated_models():
    for model in translator.get_registered_models(abstract=False):
        if model._meta.proxy or model is Page or not translated_fields(model):
            continue
        yield model


def _objects():
    """Every stored object of every concrete model registered for translation, with its section."""
    sections = _page_sections()
    for model in _translated_models():
        fields = translated_fields(model)
        if issubclass(model, Page):
            for page in model.objects.filter(depth__gt=1).exact_type(model):
                yield page, fields, page_section(page, sections)
        else:
            section = model_section(model)
            for obj in model.objects.all():
                yield obj, fields, section


def _states_for(obj, fields, section, history):
    """The TranslationState rows (unsaved) of one object, one per language."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    expected_fields = [name for name in fields if has_any_value(obj, name)]
    label = str(getattr(obj, "title_ru", None) or obj)[:255]
    edit_url = edit_url_for(obj)
    states = []
    for code in languages():
        missing = [name for name in expected_fields if is_empty(value_in(obj, name, code))]
        stale = []
        if code != source_language() and history:
            stale = stale_fields(history, [name for name in expected_fields if name not in missing], code)
        states.append(
            TranslationState(
                content_type=content_type,
                object_id=str(obj.pk),
                language=code,
                label=label,
                section=section[:255],
                edit_url=edit_url,
                missing=missing,
                stale=stale,
                expected=len(expected_fields),
                complete=len(expected_fields) - len(missing) - len(stale),
                has_gaps=bool(missing or stale),
            )
        )
    return states


@functools.cache
def tracked_models():
    return frozenset(_translated_models())


def is_tracked(obj):
    return type(obj) in tracked_models()


def refresh(obj):
    """Recompute and store one object's state in every language (after it was saved)."""
    if isinstance(obj, Page):
        obj = obj.specific_deferred if type(obj) is Page else obj
        if obj.depth <= 1:
            return
        section = page_section(obj, _page_sections())
        revisions = Revision.page_revisions.filter(object_id=str(obj.pk)).order_by("-created_at", "-pk")
        history = list(reversed(revisions[:REVISIONS_READ_PER_PAGE]))
    else:
        section, history = model_section(type(obj)), []
    states = _states_for(obj, translated_fields(type(obj)), section, history)
    with transaction.atomic():
        forget(obj)
        TranslationState.objects.bulk_create(states)


def draft_gaps(page):
    """Missing or stale fields of a page's latest draft in each target language (for the publish warning).

    Returns ``{language: (missing field names, stale field names)}`` for languages with gaps.
    """
    draft = page.get_latest_revision_as_object() if page.latest_revision_id else page
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("-created_at", "-pk")
    history = list(reversed(revisions[:REVISIONS_READ_PER_PAGE]))
    states = _states_for(draft, translated_fields(type(page)), "", history)
    return {
        state.language: (state.missing, state.stale)
        for state in states
        if state.language != source_language() and state.has_gaps
    }


def forget(obj):
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    TranslationState.objects.filter(content_type=content_type, object_id=str(obj.pk)).delete()


def rebuild():
    """Recompute every object's state (``manage.py translation_status --rebuild``; after upgrades)."""
    objects = list(_objects())
    page_ids = [str(obj.pk) for obj, _fields, _section in objects if isinstance(obj, Page)]
    revisions = defaultdict(list)
    for revision in Revision.page_revisions.filter(object_id__in=page_ids).order_by("created_at", "pk"):
        revisions[int(revision.object_id)].append(revision)
    states = []
    for obj, fields, section in objects:
        history = revisions.get(obj.pk, [])[-REVISIONS_READ_PER_PAGE:] if isinstance(obj, Page) else []
        states.extend(_states_for(obj, fields, section, history))
    with transaction.atomic():
        TranslationState.objects.all().delete()
        TranslationState.objects.bulk_create(states, batch_size=500)
    return len(objects)


def build_report(section=None, language=None):
    """All translation gaps, optionally limited to one section title and one language.

    Reads the stored states: two queries whatever the number of pages (content types are cached).
    """
    states = TranslationState.objects.all()
    if section:
        states = states.filter(section=section)
    if language:
        states = states.filter(language=language)
    gaps = [
        TranslationGap(
            model=ContentType.objects.get_for_id(state.content_type_id).model_class(),
            object_id=state.object_id,
            label=state.label,
            language=state.language,
            section=state.section,
            missing=state.missing,
            stale=state.stale,
            edit_url=state.edit_url,
        )
        for state in states.filter(has_gaps=True).order_by("section", "label", "object_id", "language")
    ]
    return _report(states, gaps)


def totals():
    """Completeness per language without the gap list, for the dashboard panel: one query."""
    return _report(TranslationState.objects.all(), gaps=[])


def _report(states, gaps):
    rows = states.values("language").annotate(
        expected_sum=Sum("expected"), complete_sum=Sum("complete"), gap_count=Count("pk", filter=Q(has_gaps=True))
    )
    rows = {row["language"]: row for row in rows}
    return TranslationReport(
        gaps=gaps,
        expected={code: row["expected_sum"] or 0 for code, row in rows.items()},
        complete={code: row["complete_sum"] or 0 for code, row in rows.items()},
        gap_counts={code: row["gap_count"] for code, row in rows.items()},
    )


def section_choices():
    """The sections that have stored states, for the report's filter: one query."""
    return sorted(set(TranslationState.objects.values_list("section", flat=True).distinct()) - {""})


def _refresh_saved(sender, instance, raw=False, **kwargs):
    if not raw and is_tracked(instance):
        refresh(instance)


def _forget_deleted(sender, instance, **kwargs):
    if is_tracked(instance):
        forget(instance)


def connect_signals():
    """Keep the stored states in step with every save and delete of a translatable object."""
    post_save.connect(_refresh_saved, dispatch_uid="pages_translation_state_saved")
    post_delete.connect(_forget_deleted, dispatch_uid="pages_translation_state_deleted")
