"""Translation catalogues are correct, not just complete: plural forms and placeholders match."""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

PROJECT_DIR = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    path
    for path in PROJECT_DIR.rglob("locale/*/LC_MESSAGES/django.po")
    if not {".venv", "node_modules"}.intersection(path.relative_to(PROJECT_DIR).parts)
)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def nplurals(catalogue):
    match = re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def placeholders(text):
    return {name for pair in PLACEHOLDER.findall(text) for name in pair if name}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(PROJECT_DIR)))
def test_every_plural_entry_gives_exactly_the_declared_number_of_forms(path):
    catalogue = polib.pofile(str(path))
    expected = nplurals(catalogue)
    wrong = [
        entry.msgid
        for entry in catalogue.translated_entries()
        if entry.msgid_plural and len(entry.msgstr_plural) != expected
    ]
    assert wrong == [], f"{path}: {expected} plural forms declared, other counts given for {wrong}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(PROJECT_DIR)))
def test_translations_keep_the_placeholders_of_the_source(path):
    catalogue = polib.pofile(str(path))
    wrong = []
    for entry in catalogue.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        source = placeholders(entry.msgid) | placeholders(entry.msgid_plural or "")
        wrong += [entry.msgid for text in translations if not placeholders(text) <= source]
    assert wrong == [], f"{path}: placeholders not in the source: {wrong}"


@pytest.mark.parametrize(
    ("language", "count", "word"),
    [
        ("ru", 1, "1 результат по"),
        ("ru", 3, "3 результата по"),
        ("ru", 9, "9 результатов по"),
        ("ru", 21, "21 результат по"),
        ("ky", 9, "9 натыйжа"),
        ("en", 9, "9 results for"),
    ],
)
def test_the_search_count_is_pluralised_in_the_visitors_language(language, count, word):
    with translation.override(language):
        text = translation.ngettext(
            "%(counter)s result for “%(query)s”", "%(counter)s results for “%(query)s”", count
        ) % {"counter": count, "query": "семья"}
    assert word in text
