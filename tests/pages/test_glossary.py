"""Our catalogues keep the words of Wagtail and Django: a msgid they use gets no other Russian word from us.

Django merges every app's catalogue into one, and apps listed before ``wagtail.admin`` win: an entry of ours
with the same msgid silently renames that word all over the admin ("Dashboard" and "Published" did; the
safeguarding "Focal point" once turned the image editor's focal point into a "Координатор"). Words we need
differently carry a context (``pgettext_lazy("date range", "From")``, ``{% translate "Next" context
"pagination" %}``). The glossary of the words we do choose is ``locale/GLOSSARY.md``.
"""

from pathlib import Path

import django
import polib
import pytest
from django.apps import apps

PROJECT_DIR = Path(__file__).resolve().parents[2]
OUR_CATALOGUES = sorted(
    path
    for path in PROJECT_DIR.rglob("locale/ru/LC_MESSAGES/django.po")
    if not {".venv", "node_modules"}.intersection(path.relative_to(PROJECT_DIR).parts)
)
# Words we rename on purpose, with the reason in the glossary: Kyrgyz people write "кыргызский", and the
# language switcher and the admin's language menu should say so, not Django's dated "киргизский".
DELIBERATE = {"Kyrgyz"}


def installed_catalogues(language):
    """The catalogues of every installed app that is not ours, and Django's own."""
    folders = [Path(django.__file__).resolve().parent / "conf"]
    folders += [
        Path(config.path) for config in apps.get_app_configs() if "site-packages" in Path(config.path).resolve().parts
    ]
    return [folder / "locale" / language / "LC_MESSAGES" / "django.po" for folder in folders]


def words_of_installed_apps(language):
    words = {}
    for path in installed_catalogues(language):
        if path.exists():
            for entry in polib.pofile(str(path)):
                if entry.msgstr and not entry.msgctxt:
                    words.setdefault(entry.msgid, (entry.msgstr, path.parent.parent.parent.parent.name))
    return words


def test_the_installed_catalogues_are_found():
    names = {path.parents[3].name for path in installed_catalogues("ru") if path.exists()}
    assert {"conf", "admin", "images", "redirects"} <= names


@pytest.mark.parametrize("path", OUR_CATALOGUES, ids=lambda path: str(path.relative_to(PROJECT_DIR)))
def test_our_russian_catalogues_do_not_rename_words_of_wagtail_or_django(path):
    theirs = words_of_installed_apps("ru")
    renamed = [
        (entry.msgid, entry.msgstr, *theirs[entry.msgid])
        for entry in polib.pofile(str(path)).translated_entries()
        if not entry.msgctxt
        and entry.msgid in theirs
        and entry.msgid not in DELIBERATE
        and entry.msgstr != theirs[entry.msgid][0]
    ]
    assert renamed == [], f"{path}: (msgid, ours, theirs, their app) {renamed}"


def test_the_glossary_names_the_words_both_languages_use():
    glossary = (PROJECT_DIR / "locale" / "GLOSSARY.md").read_text(encoding="utf-8")
    for word in ("заявка на пожертвование", "Далее", "Назад", "заголовок", "элемент", "Сообщить о нарушении"):
        assert word in glossary
