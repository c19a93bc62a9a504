"""Small, real PDF files for the demo reports, made in code with fpdf2 (used by advocacy/demo.py only).

PDF's built-in fonts have no Cyrillic, so the files embed DejaVu Sans (``pages/pdf_fonts.py``).
"""

import logging
from datetime import UTC, datetime

from fpdf import FPDF

from pages.pdf_fonts import FONT_FAMILY, add_fonts

# A fixed creation date keeps the files identical from one run to the next.
CREATION_DATE = datetime(2024, 1, 1, tzinfo=UTC)
# fontTools reports every table it subsets at INFO level; the demo loader's output stays readable without it.
logging.getLogger("fontTools").setLevel(logging.WARNING)


def make_pdf(*, title, subtitle, paragraphs, language, author):
    """Return the bytes of a one-page A4 PDF with a title, a subtitle line and paragraphs of text."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_lang(language)
    pdf.set_creator("SOS Children's Villages Kyrgyzstan website")
    add_fonts(pdf)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_fill_color(0, 90, 156)
    pdf.rect(0, 0, 210, 8, style="F")
    pdf.set_font(FONT_FAMILY, "", 10)
    pdf.set_text_color(74, 86, 99)
    pdf.multi_cell(0, 6, author, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(FONT_FAMILY, "B", 20)
    pdf.set_text_color(0, 63, 110)
    pdf.multi_cell(0, 10, title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FONT_FAMILY, "B", 11)
    pdf.set_text_color(181, 18, 43)
    pdf.multi_cell(0, 6, subtitle, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FONT_FAMILY, "", 11)
    pdf.set_text_color(29, 39, 51)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())
