"""Web fonts: what a page in each language makes the browser download, and no @import chains (issue 17).

A browser downloads a @font-face file only when the page shows a character inside the face's unicode-range.
These tests read the @font-face rules of site.css, collect the characters each page shows, and add up the
sizes of the files whose range they touch (both weights, since headings and buttons are bold).
"""

import os
import re
from pathlib import Path

import lxml.html
import pytest
from django.conf import settings
from django.utils import translation
from fontTools.ttLib import TTFont
from wagtail.models import Page

STATIC = Path(settings.BASE_DIR) / "pages" / "static" / "pages"
SITE_CSS = STATIC / "css" / "site.css"
KYRGYZ_LETTERS = "ҢңӨөҮү"
LIMIT = 5 * 1024


def font_faces():
    """(file path, weight, set of code points) for each @font-face rule of site.css."""
    faces = []
    for rule in re.findall(r"@font-face\s*{(.*?)}", SITE_CSS.read_text(), re.DOTALL):
        url = re.search(r'url\("([^"]+)"\)', rule).group(1)
        weight = re.search(r"font-weight:\s*(\d+)", rule).group(1)
        points = set()
        for part in re.search(r"unicode-range:\s*([^;]+);", rule).group(1).split(","):
            first, _, last = part.strip().removeprefix("U+").partition("-")
            points.update(range(int(first, 16), int(last or first, 16) + 1))
        faces.append(((SITE_CSS.parent / url).resolve(), weight, points))
    return faces


def shown_characters(html):
    """The characters a visitor can see: the body's text and the text inside form controls."""
    body = lxml.html.document_fromstring(html).body
    for element in body.xpath(".//script | .//style | .//template"):
        element.drop_tree()
    text = body.text_content()
    text += "".join(body.xpath(".//input/@value | .//input/@placeholder | .//textarea/@placeholder"))
    return {ord(char) for char in text if not char.isspace()} | {ord(" ")}


def font_bytes(client, path):
    response = client.get(path)
    assert response.status_code == 200
    characters = shown_characters(response.content.decode())
    files = {face for face, _weight, points in font_faces() if characters & points}
    return sum(face.stat().st_size for face in files), files


def one_page_per_type():
    pages, seen = [], set()
    for page in Page.objects.live().public().filter(depth__gte=2).specific().order_by("depth", "path"):
        if type(page) not in seen and page.get_url():
            seen.add(type(page))
            pages.append(page)
    return pages


@pytest.mark.django_db
def test_kyrgyz_pages_download_at_most_5_kb_more_font_bytes_than_russian(client):
    pages = one_page_per_type()
    assert len(pages) >= 8
    for page in pages:
        paths = {}
        for code in ("ru", "ky"):
            with translation.override(code):
                paths[code] = page.get_url()
        russian, _ = font_bytes(client, paths["ru"])
        kyrgyz, files = font_bytes(client, paths["ky"])
        assert kyrgyz - russian <= LIMIT, (paths["ky"], kyrgyz - russian, sorted(file.name for file in files))


@pytest.mark.django_db
def test_kyrgyz_home_page_fetches_the_small_kyrgyz_files_and_not_cyrillic_extended(client):
    _bytes, files = font_bytes(client, "/ky/")
    names = {file.name for file in files}
    assert {"noto-sans-kyrgyz-400-normal.woff2", "noto-sans-kyrgyz-700-normal.woff2"} <= names
    assert not any("cyrillic-ext" in name for name in names)


def test_the_kyrgyz_letters_are_in_faces_under_5_kb_altogether():
    covering = {face for face, _weight, points in font_faces() if points & {ord(char) for char in KYRGYZ_LETTERS}}
    assert covering
    assert sum(face.stat().st_size for face in covering) <= LIMIT


def test_each_face_file_has_the_glyphs_of_the_kyrgyz_letters_it_claims():
    kyrgyz = {ord(char) for char in KYRGYZ_LETTERS}
    for face, _weight, points in font_faces():
        if points & kyrgyz:
            assert kyrgyz <= set(TTFont(face).getBestCmap()), face.name


def test_every_font_face_file_exists_and_no_two_faces_of_a_weight_claim_the_same_kyrgyz_letter():
    claimed = {}
    for face, weight, points in font_faces():
        assert face.is_file(), face
        for char in KYRGYZ_LETTERS:
            if ord(char) in points:
                assert (weight, char) not in claimed, (face.name, claimed[(weight, char)].name)
                claimed[(weight, char)] = face


def project_files(*suffixes):
    """The project's own files with these suffixes: no virtualenv, npm packages or collected static files."""
    skip = {".venv", "node_modules", "static_collected", "media", ".git"}
    for folder, folders, files in os.walk(settings.BASE_DIR):
        folders[:] = [name for name in folders if name not in skip]
        yield from (Path(folder) / name for name in files if name.endswith(suffixes))


def test_no_stylesheet_of_the_project_uses_import():
    stylesheets = list(project_files(".css"))
    assert SITE_CSS in stylesheets
    for path in stylesheets:
        assert "@import" not in path.read_text(), path


def test_no_template_of_the_project_uses_import():
    templates = [path for path in project_files(".html") if "templates" in path.parts]
    assert templates
    for path in templates:
        assert "@import" not in path.read_text(), path
