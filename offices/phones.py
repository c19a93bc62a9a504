"""Phone and fax numbers: one stored format, "+996 312 611546", whatever staff type in.

Kyrgyz numbers have 9 digits after the country code 996. Bishkek's area code is 312 (+996 312 611546);
the other towns have four-digit codes starting with 3 (Cholpon-Ata: +996 3943 12345); mobile networks
have three-digit codes (+996 555 123456). Numbers of other countries are kept in the international form
staff typed, with single spaces.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pages.models.settings import tel_uri

__all__ = ["PhoneNumberField", "normalise_phone", "tel_uri"]

KYRGYZSTAN = "996"
NATIONAL_DIGITS = 9
ALLOWED_CHARACTERS = re.compile(r"^[\d\s()+\-./]+$")
EXAMPLE = "+996 312 611546"


def normalise_phone(value):
    """Return the number in the stored format, or raise ValidationError with a message staff can act on."""
    value = (value or "").strip()
    if not value:
        return ""
    if not ALLOWED_CHARACTERS.match(value):
        raise ValidationError(
            _("Enter the number with digits only (spaces, brackets and hyphens are fine), for example %(example)s."),
            code="invalid_characters",
            params={"example": EXAMPLE},
        )
    digits = re.sub(r"\D", "", value)
    international = value.lstrip("(").startswith("+") or digits.startswith("00")
    if digits.startswith("00"):
        digits = digits[2:]
    if international and not digits.startswith(KYRGYZSTAN):
        return _foreign(value, digits)
    if international or (digits.startswith(KYRGYZSTAN) and len(digits) == len(KYRGYZSTAN) + NATIONAL_DIGITS):
        national = digits[len(KYRGYZSTAN) :]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        national = digits
    if len(national) != NATIONAL_DIGITS:
        raise ValidationError(
            _(
                "A Kyrgyz number has %(expected)s digits after +996 (area or network code and number), this one "
                "has %(found)s. Example: %(example)s."
            ),
            code="wrong_length",
            params={"expected": NATIONAL_DIGITS, "found": len(national), "example": EXAMPLE},
        )
    return f"+{KYRGYZSTAN} {_group(national)}"


def _group(national):
    """312 611546 for Bishkek and mobiles, 3943 12345 for the other towns' four-digit area codes."""
    if national.startswith("3") and not national.startswith("312"):
        return f"{national[:4]} {national[4:]}"
    return f"{national[:3]} {national[3:]}"


def _foreign(value, digits):
    if not 8 <= len(digits) <= 15:
        raise ValidationError(
            _("An international number has 8 to 15 digits after the +. Example: %(example)s."),
            code="wrong_length",
            params={"example": EXAMPLE},
        )
    groups = re.findall(r"\d+", value.replace("00", "", 1) if value.startswith("00") else value)
    return "+" + " ".join(groups)


class PhoneNumberField(models.CharField):
    """A CharField that validates a phone or fax number and stores it in the one international format.

    Wagtail's admin form runs the model's full_clean(), which passes every value through to_python(): a
    number typed as "(+996) 312 611546" or "0312 611546" is saved as "+996 312 611546", and junk is
    rejected with a message on the field.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return normalise_phone(super().to_python(value))
