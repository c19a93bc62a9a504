"""Translation completeness: which translatable fields are missing or stale in ru, ky or en.

A field is *expected* in every language as soon as one language has a value. It is *missing* in a
language where it is empty. It is *stale* in a target language (ky, en) when the source language
(ru) changed in a later revision than the one where that translation was last edited: pages keep
their revisions, so staleness is read from their history; models without revisions can only be
missing, never stale.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch, reverse
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, Revision

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

    obj: object
    language: str
    section: str
    missing: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    edit_url: str = ""

    @property
    def label(self):
        return str(getattr(self.obj, "title_ru", None) or self.obj)

    @property
    def missing_labels(self):
        return [field_label(self.obj, name) for name in self.missing]

    @property
    def stale_labels(self):
        return [field_label(self.obj, name) for name in self.stale]


def field_label(obj, name):
    """The field's name as editors see it in the admin ("introduction"), not its code name."""
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def model_section(model):
    """A snippet or setting type's section title: plural for snippets, singular for one-per-site settings."""
    meta = model._meta
    name = meta.verbose_name if hasattr(model, "for_site") else meta.verbose_name_plural
    return str(name)[:1].upper() + str(name)[1:]


@dataclass
class TranslationReport:
    gaps: list
    expected: dict  # language → number of field values expected
    complete: dict  # language → number of those present and fresh

    def percent(self, language):
        expected = self.expected.get(language, 0)
        return 100.0 if expected == 0 else 100.0 * self.complete.get(language, 0) / expected

    def counts(self):
        """Language → number of objects with at least one gap."""
        counts = dict.fromkeys(languages(), 0)
        for gap in self.gaps:
            counts[gap.language] += 1
        return counts


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
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    meta = obj._meta
    if hasattr(obj, "site_id") and meta.model_name.endswith("settings"):
        return reverse("wagtailsettings:edit", args=[meta.app_label, meta.model_name, obj.site_id])
    try:
        return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[obj.pk])
    except NoReverseMatch:
        return ""


def _page_sections():
    home_depth = 2
    return [(page.path, str(page.title_ru or page.title)) for page in Page.objects.filter(depth=home_depth + 1)]


def _objects():
    """Every stored object of every concrete model registered for translation, with its section."""
    sections = _page_sections()
    for model in translator.get_registered_models(abstract=False):
        if model._meta.proxy or model is Page:
            continue
        fields = translated_fields(model)
        if not fields:
            continue
        if issubclass(model, Page):
            for page in model.objects.filter(depth__gt=1).exact_type(model):
                yield page, fields, page_section(page, sections)
        else:
            section = model_section(model)
            for obj in model.objects.all():
                yield obj, fields, section


def build_report(section=None, language=None):
    """All translation gaps, optionally limited to one section title and one language."""
    codes = [language] if language else languages()
    gaps, expected, complete = [], defaultdict(int), defaultdict(int)
    objects = [item for item in _objects() if section is None or item[2] == section]
    page_ids = [obj.pk for obj, _fields, _section in objects if isinstance(obj, Page)]
    revisions = defaultdict(list)
    page_revisions = Revision.page_revisions.filter(object_id__in=[str(pk) for pk in page_ids])
    for revision in page_revisions.order_by("created_at", "pk"):
        revisions[int(revision.object_id)].append(revision)
    for obj, fields, obj_section in objects:
        history = revisions.get(obj.pk, [])[-REVISIONS_READ_PER_PAGE:] if isinstance(obj, Page) else []
        expected_fields = [name for name in fields if has_any_value(obj, name)]
        for code in codes:
            gap = TranslationGap(obj=obj, language=code, section=obj_section)
            gap.missing = [name for name in expected_fields if is_empty(value_in(obj, name, code))]
            if code != source_language() and history:
                present = [name for name in expected_fields if name not in gap.missing]
                gap.stale = stale_fields(history, present, code)
            expected[code] += len(expected_fields)
            complete[code] += len(expected_fields) - len(gap.missing) - len(gap.stale)
            if gap.missing or gap.stale:
                gap.edit_url = edit_url_for(obj)
                gaps.append(gap)
    return TranslationReport(gaps=gaps, expected=dict(expected), complete=dict(complete))


def section_choices():
    titles = {title for _path, title in _page_sections()}
    for model in translator.get_registered_models(abstract=False):
        if not issubclass(model, Page) and translated_fields(model):
            titles.add(model_section(model))
    return sorted(titles)
