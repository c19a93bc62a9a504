from django import template

from donations.forms import format_amount

register = template.Library()


@register.filter
def money(amount, currency=""):
    """Decimal("1500.00"), "KGS" → "1 500 KGS" (no-break spaces, so it never wraps mid-amount)."""
    if amount is None or amount == "":
        return ""
    return f"{format_amount(amount)}\u00a0{currency}".strip()
