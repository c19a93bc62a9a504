"""Our catalogues keep the Wagtail admin's words: a msgid ``wagtail.admin`` uses gets no other Russian word.

Django merges every app's catalogue into one, and apps listed before ``wagtail.admin`` win: an entry of ours
with the same msgid silently renames that word all over the Wagtail admin ("Dashboard", "Published" did).
Words the public site needs differently carry a context (``{% translate "Next" context "pagination" %}``).
The glossary of the words we do choose is ``locale/GLOSSARY.md``.
"""

from pathlib import Path

import polib
import pytest
import wagtail

PROJECT_DIR = Path(__file__).resolve().parents[2]
WAGTAIL_DIR = Path(wagtail.__file__).resolve().parent
OUR_CATALOGUES = sorted(
    path
    for path in PROJECT_DIR.rglob("locale/ru/LC_MESSAGES/django.po")
    if not {".venv", "node_modules"}.intersection(path.relative_to(PROJECT_DIR).parts)
)


def wagtail_words(language):
    words = {}
    for path in (WAGTAIL_DIR / "admin").rglob(f"locale/{language}/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.msgctxt:
                words.setdefault(entry.msgid, entry.msgstr)
    return words


@pytest.mark.parametrize("path", OUR_CATALOGUES, ids=lambda path: str(path.relative_to(PROJECT_DIR)))
def test_our_russian_catalogues_do_not_rename_words_of_the_wagtail_admin(path):
    admin = wagtail_words("ru")
    renamed = [
        (entry.msgid, entry.msgstr, admin[entry.msgid])
        for entry in polib.pofile(str(path)).translated_entries()
        if not entry.msgctxt and entry.msgid in admin and entry.msgstr != admin[entry.msgid]
    ]
    assert renamed == [], f"{path}: (msgid, ours, Wagtail's) {renamed}"


def test_the_glossary_names_the_words_both_languages_use():
    glossary = (PROJECT_DIR / "locale" / "GLOSSARY.md").read_text(encoding="utf-8")
    for word in ("Обещание пожертвования", "Далее", "Назад", "заголовок", "элемент", "Сообщить о беспокойстве"):
        assert word in glossary
