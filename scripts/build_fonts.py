#!/usr/bin/env python3
"""Cut the Kyrgyz letters out of Noto Sans Cyrillic Extended and write the site's @font-face rules.

Kyrgyz is written with the Russian alphabet plus three letters, ң ө ү (and capitals), which sit in the
"Cyrillic Extended" block. @fontsource/noto-sans ships that block as one 22 KB file per weight, so a Kyrgyz
page downloaded about 44 KB more fonts than a Russian one. This script subsets those files (fontTools'
pyftsubset, already installed with fpdf2; writing WOFF2 needs `brotli`, in requirements-dev.txt) into one
small file per weight holding only U+04A2-04A3, U+04AE-04AF, U+04E8-04E9, and takes those letters out of the
Cyrillic Extended faces' unicode-range, so a browser fetches the big files only for text in other languages
of that block (Kazakh, Tatar, Bashkir ...). It then rewrites the @font-face block at the top of
pages/static/pages/css/site.css (between the `fonts:start`/`fonts:end` comments): the rules live in the one
stylesheet, not behind an @import that the browser would discover only after downloading site.css.

Run from the project root after changing a font file: `.venv/bin/python scripts/build_fonts.py`; commit the
woff2 files and site.css. tests/pages/test_fonts.py checks the result.
"""

import re
import sys
from pathlib import Path

from fontTools import subset

PROJECT = Path(__file__).resolve().parent.parent
FONTS = PROJECT / "pages" / "static" / "pages" / "fonts"
SITE_CSS = PROJECT / "pages" / "static" / "pages" / "css" / "site.css"
WEIGHTS = (400, 700)
KYRGYZ = "U+04A2-04A3,U+04AE-04AF,U+04E8-04E9"  # Ң ң, Ү ү, Ө ө

# (file stem, unicode-range) in the order of @fontsource/noto-sans 5.3.0's CSS; where ranges overlap the
# browser uses the face defined last. The Cyrillic Extended range is fontsource's minus the Kyrgyz letters.
LATIN_EXT = (
    "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,"
    "U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF"
)
LATIN = (
    "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,"
    "U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD"
)
FACES = (
    (
        "noto-sans-cyrillic-ext",
        "U+0460-04A1,U+04A4-04AD,U+04B0-04E7,U+04EA-052F,U+1C80-1C8A,U+20B4,U+2DE0-2DFF,U+A640-A69F,U+FE2E-FE2F",
    ),
    ("noto-sans-kyrgyz", KYRGYZ),
    ("noto-sans-cyrillic", "U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116"),
    ("noto-sans-latin-ext", LATIN_EXT),
    ("noto-sans-latin", LATIN),
)
START, END = "/* fonts:start", "/* fonts:end */"


def subset_kyrgyz(weight):
    source = FONTS / f"noto-sans-cyrillic-ext-{weight}-normal.woff2"
    target = FONTS / f"noto-sans-kyrgyz-{weight}-normal.woff2"
    subset.main(
        [
            str(source),
            f"--unicodes={KYRGYZ}",
            "--flavor=woff2",
            "--layout-features=*",
            "--no-hinting",
            "--desubroutinize",
            f"--output-file={target}",
        ]
    )
    return target


def font_face_css():
    rules = [
        f"{START}: written by scripts/build_fonts.py. Noto Sans, self-hosted (SIL Open Font License, see\n"
        "   ../fonts/OFL-LICENSE.txt), from @fontsource/noto-sans 5.3.0; the Kyrgyz letters are a file of their own. */"
    ]
    for weight in WEIGHTS:
        for stem, unicode_range in FACES:
            rules.append(
                "@font-face {\n"
                '    font-family: "Noto Sans";\n'
                "    font-style: normal;\n"
                "    font-display: swap;\n"
                f"    font-weight: {weight};\n"
                f'    src: url("../fonts/{stem}-{weight}-normal.woff2") format("woff2");\n'
                f"    unicode-range: {unicode_range};\n"
                "}"
            )
    rules.append(END)
    return "\n".join(rules)


def write_css():
    text = SITE_CSS.read_text()
    block = font_face_css()
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    text = pattern.sub(lambda _match: block, text, count=1) if pattern.search(text) else f"{block}\n\n{text}"
    SITE_CSS.write_text(text)


def main():
    for weight in WEIGHTS:
        target = subset_kyrgyz(weight)
        sys.stdout.write(f"{target.relative_to(PROJECT)}: {target.stat().st_size} bytes\n")
    write_css()
    sys.stdout.write(f"{SITE_CSS.relative_to(PROJECT)}: @font-face rules written\n")


if __name__ == "__main__":
    main()
