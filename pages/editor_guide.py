"""The editors' guide (``docs/editors.<language>.md``) shown inside the admin, from the Help menu.

The guide stays Markdown in the repository, where it is reviewed with the code; it is rendered here with
Python-Markdown (trusted input: our own files) and cached per file until the file changes. Screenshots are
served from ``docs/images`` to signed-in staff only.
"""

import functools
import re

import markdown
from django.conf import settings
from django.utils import translation
from markdown.extensions.toc import slugify_unicode

GUIDE_DIR = settings.BASE_DIR / "docs"
GUIDE_LANGUAGES = ("ru", "en")  # Kyrgyz-speaking staff read the Russian guide, as the admin has no Kyrgyz
IMAGE_NAME = re.compile(r"^[\w-]+\.png$")
# Links between the two guide files become links between the two admin pages.
OTHER_GUIDE_LINK = re.compile(r'href="editors\.(ru|en)\.md(#[^"]*)?"')


def guide_language(requested=None):
    if requested in GUIDE_LANGUAGES:
        return requested
    return "ru" if translation.get_language() in ("ru", "ky") else "en"


def guide_path(language):
    return GUIDE_DIR / f"editors.{language}.md"


def render(language):
    """The guide in ``language`` as HTML and its title (the first heading)."""
    path = guide_path(language)
    return _render(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _render(path, mtime_ns):
    text = path.read_text(encoding="utf-8")
    converter = markdown.Markdown(
        extensions=["tables", "toc", "fenced_code", "sane_lists"],
        extension_configs={"toc": {"slugify": slugify_unicode, "permalink": False}},
    )
    html = converter.convert(text)
    html = OTHER_GUIDE_LINK.sub(lambda match: f'href="?language={match[1]}{match[2] or ""}"', html)
    title = text.split("\n", 1)[0].lstrip("# ").strip()
    return html, title


def image_path(name):
    """The screenshot ``name`` in ``docs/images``, or None for anything that is not one."""
    if not IMAGE_NAME.match(name):
        return None
    path = GUIDE_DIR / "images" / name
    return path if path.is_file() else None
