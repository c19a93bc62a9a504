"""What people type into public forms, cleaned in one place before any length check.

Invisible characters (zero-width spaces and joiners, soft hyphens, byte-order marks, word joiners…) are
removed, so 20 zero-width spaces count as nothing; bidirectional controls (right-to-left override and its
kin) are removed, so no name shown in the admin can reverse the text around it. A NUL byte, which
PostgreSQL refuses to store, is answered with a form error like any other bad input.

Use ``PlainTextField`` instead of ``forms.CharField`` in public forms, or ``visible_text()`` on a value
that does not come through a form (the search query).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Zero-width and format characters that draw nothing, and bidirectional controls (Unicode category Cf).
INVISIBLE = re.compile(
    "["
    "\u00ad"  # soft hyphen
    "\u034f"  # combining grapheme joiner
    "\u061c"  # Arabic letter mark
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers
    "\u17b4\u17b5"  # Khmer vowel inherent
    "\u180b-\u180f"  # Mongolian variation selectors and vowel separator
    "\u200b-\u200f"  # zero-width space, non-joiner, joiner, left-to-right and right-to-left marks
    "\u202a-\u202e"  # bidirectional embeddings and overrides
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u206f"  # bidirectional isolates, deprecated format characters
    "\ufe00-\ufe0f"  # variation selectors
    "\ufeff"  # byte-order mark, zero-width no-break space
    "\ufff9-\ufffb"  # interlinear annotations
    "\U000e0000-\U000e007f"  # tags
    "]"
)
CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
NUL_MESSAGE = _("This field contains characters that cannot be stored. Please type the text again.")


def visible_text(value):
    """``value`` without invisible, bidirectional-control and control characters (NUL included), stripped."""
    if not value:
        return ""
    return CONTROL.sub("", INVISIBLE.sub("", value.replace("\x00", ""))).strip()


class PlainTextField(forms.CharField):
    """A CharField that removes invisible and bidirectional-control characters before its length checks."""

    def to_python(self, value):
        if isinstance(value, str) and "\x00" in value:
            raise ValidationError(NUL_MESSAGE, code="null_characters_not_allowed")
        value = super().to_python(value)
        return visible_text(value) if isinstance(value, str) else value
