"""Amounts written the way the visitor's language writes them (CLDR): 1 500,50 in ru and ky, 1,500.50 in en.

Django's own Kyrgyz formats use a decimal point; Kyrgyz usage (and CLDR) is a decimal comma, like Russian.
Whole amounts are written without decimals. No-break spaces keep an amount on one line.
"""

from django.utils import translation

NBSP = "\u00a0"
SEPARATORS = {"ru": (",", NBSP), "ky": (",", NBSP), "en": (".", ",")}


def format_amount(amount, language=None):
    """Decimal("1500.00") → "1 500"; Decimal("12.50") → "12,50" in ru and ky, "12.50" in en."""
    code = (language or translation.get_language() or "ru").split("-")[0]
    decimal_separator, group_separator = SEPARATORS.get(code, SEPARATORS["ru"])
    sign = "-" if amount < 0 else ""
    whole, _sep, fraction = f"{abs(amount):.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", group_separator)
    number = grouped if fraction == "00" else f"{grouped}{decimal_separator}{fraction}"
    return f"{sign}{number}"
