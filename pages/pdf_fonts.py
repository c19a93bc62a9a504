"""Fonts for PDF files the site makes with fpdf2 (demo reports, receipts).

PDF's built-in fonts have no Cyrillic, so files embed DejaVu Sans from ``pages/fonts/`` (a subset with
Latin and Cyrillic, including the Kyrgyz letters ө, ү and ң; licence beside it). Runtime code may use
these; nothing here imports fpdf2.
"""

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "DejaVuSans"
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"


def add_fonts(pdf):
    """Register the regular and bold faces on an ``fpdf.FPDF`` document as ``FONT_FAMILY``."""
    pdf.add_font(FONT_FAMILY, "", REGULAR)
    pdf.add_font(FONT_FAMILY, "B", BOLD)
