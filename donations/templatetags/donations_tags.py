from django import template

from donations.formatting import format_amount

register = template.Library()


@register.filter
def money(amount, currency=""):
    """Decimal("1500.00"), "KGS" → "1 500 KGS" in the active language's format (see donations.formatting)."""
    if amount is None or amount == "":
        return ""
    return f"{format_amount(amount)}\u00a0{currency}".strip()
