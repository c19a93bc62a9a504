"""The public pledge form and the admin status form. Every value is checked here, on the server."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from donations.formatting import format_amount
from donations.models import Pledge
from donations.models.settings import CURRENCIES, DEFAULT_CURRENCY
from pages import abuse
from pages.text import PlainTextField

SUBMISSION_KEY_SALT = "donations.pledge-form"
HTML_CHARACTERS = re.compile(r"[<>]")
PHONE_RE = re.compile(r"^\+?[0-9 ()\-]{5,25}$")
AMOUNT_RE = re.compile(r"^(?P<whole>[0-9]+)(?:[.,](?P<fraction>[0-9]+))?$")
SPACES_RE = re.compile(r"[\s\u00a0\u202f']")
MOST_NEEDED = ""


def make_submission_key(issued_at=None):
    """A signed one-time key for one display of the form; it carries the time the form was shown."""
    return abuse.make_form_token(SUBMISSION_KEY_SALT, issued_at)


def read_submission_key(value):
    """(key, issued_at) from a signed value, or None when it is missing, forged or too old."""
    return abuse.read_form_token(value, SUBMISSION_KEY_SALT, getattr(settings, "DONATIONS_FORM_MAX_AGE", 24 * 3600))


def no_html(value):
    if value and HTML_CHARACTERS.search(value):
        raise ValidationError(_("Please remove the characters < and >."), code="html")


def parse_amount(text):
    """Turn what a donor typed into a Decimal with at most two decimals, or raise a translated error."""
    value = SPACES_RE.sub("", text or "")
    if value.startswith("-"):
        raise ValidationError(_("Enter an amount greater than zero."), code="negative")
    match = AMOUNT_RE.match(value)
    if not match:
        raise ValidationError(_("Enter the amount in digits only, for example 1500 or 1500.50."), code="invalid")
    fraction = match.group("fraction") or ""
    if len(fraction) > 2:
        raise ValidationError(
            _("Use at most two digits after the decimal point and no thousands separators, e.g. 1500.50."),
            code="decimals",
        )
    if len(match.group("whole")) > 10:
        raise ValidationError(_("This amount is too large."), code="max_value")
    try:
        amount = Decimal(f"{match.group('whole')}.{fraction or '0'}")
    except InvalidOperation as error:  # not reachable with the pattern above, kept for safety
        raise ValidationError(_("Enter a valid amount."), code="invalid") from error
    if amount <= 0:
        raise ValidationError(_("Enter an amount greater than zero."), code="negative")
    return amount


class PledgeForm(forms.Form):
    """A pledge: amount in one currency, frequency, designation, donor, consent.

    Each currency has its own group of suggested amounts (``amount_KGS``…); only the group of the chosen
    currency counts, so the form works without JavaScript. An "other amount" replaces the suggestion.
    """

    frequency = forms.ChoiceField(
        label=_("How often?"),
        choices=Pledge.Frequency.choices,
        initial=Pledge.Frequency.ONE_OFF,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one-off or monthly."), "invalid_choice": _("Choose one-off or monthly.")},
    )
    currency = forms.ChoiceField(
        label=_("Currency"),
        choices=[(code, code) for code in CURRENCIES],
        initial=DEFAULT_CURRENCY,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a currency."),
        },
    )
    other_amount = PlainTextField(
        label=_("Other amount"),
        required=False,
        max_length=20,
        error_messages={"max_length": _("Enter the amount in digits only, for example 1500 or 1500.50.")},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "transaction-amount", "size": 12}),
    )
    designation = forms.ChoiceField(
        label=_("Where should your gift go?"),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the options offered.")},
    )
    donor_name = PlainTextField(
        label=_("Your name"),
        required=False,
        max_length=150,
        validators=[no_html],
        error_messages={"max_length": _("Please shorten the name to %(limit_value)d characters.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        error_messages={
            "required": _("Enter your e-mail address: we send the confirmation there."),
            "invalid": _("Enter an e-mail address like name@example.org."),
            "max_length": _("This e-mail address is too long."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = PlainTextField(
        label=_("Phone (optional)"),
        required=False,
        max_length=40,
        validators=[no_html],
        error_messages={"max_length": _("Enter a phone number like +996 312 611546.")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    anonymous = forms.BooleanField(label=_("Give anonymously"), required=False)
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("To record your pledge we need your consent to process your data.")},
    )
    news_opt_in = forms.BooleanField(label=_("Send me news about the foundation's work (optional)"), required=False)
    # Honeypot: hidden from people, tempting for robots. Anything in it means the form is not saved.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=200)

    text_fields = ("donor_name", "email", "phone", "other_amount")

    def __init__(self, *args, rules, currencies=CURRENCIES, designation_pages=(), consent_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.rules = rules
        # Only currencies the organisation can receive (a bank account is configured) are offered.
        self.currencies = [code for code in CURRENCIES if code in currencies]
        currency = self.fields["currency"]
        currency.choices = [(code, code) for code in self.currencies]
        currency.initial = DEFAULT_CURRENCY if DEFAULT_CURRENCY in self.currencies else next(iter(self.currencies), "")
        currency.error_messages["invalid_choice"] = _("Choose one of the currencies offered: %(currencies)s.") % {
            "currencies": ", ".join(self.currencies)
        }
        self.consent_text = consent_text
        self.fields["consent"].label = consent_text
        self.designation_pages = {str(page.pk): page for page in designation_pages}
        self.fields["designation"].choices = [(MOST_NEEDED, _("Where most needed"))] + [
            (key, page.title) for key, page in self.designation_pages.items()
        ]
        self.fields["designation"].initial = MOST_NEEDED
        for code in self.currencies:
            rule = rules[code]
            self.fields[f"amount_{code}"] = forms.ChoiceField(
                label=_("Amount in %(currency)s") % {"currency": code},
                required=False,
                choices=[(str(preset), f"{format_amount(preset)} {code}") for preset in rule.presets],
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose one of the amounts offered, or enter another amount.")},
            )
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        for name in ("other_amount", "donor_name", "email", "phone"):
            self.fields[name].widget.attrs["aria-describedby"] = f"{name}-hint"

    # Which field carries an error about the amount: the suggestion group of the chosen currency,
    # or the "other amount" box when the donor typed one.
    def amount_field_name(self):
        if (self.data.get("other_amount") or "").strip():
            return "other_amount"
        currency = self.data.get("currency")
        return f"amount_{currency}" if currency in self.currencies else "other_amount"

    def clean_website(self):
        return self.cleaned_data.get("website", "")

    def clean(self):
        cleaned = super().clean()
        currency = cleaned.get("currency")
        for code in self.currencies:
            if code != currency:  # only the chosen currency's suggestions count
                self._errors.pop(f"amount_{code}", None)
        if not currency:
            return cleaned
        rule = self.rules[currency]
        other = (cleaned.get("other_amount") or "").strip()
        preset = cleaned.get(f"amount_{currency}")
        field = self.amount_field_name()
        if field in self.errors:
            return cleaned
        amount = None
        try:
            if other:
                amount = parse_amount(other)
            elif preset:
                amount = Decimal(preset)
            else:
                raise ValidationError(_("Choose an amount or enter another amount."), code="required")
            if amount < rule.minimum:
                raise ValidationError(
                    _("The smallest pledge in %(currency)s is %(minimum)s."),
                    code="min_value",
                    params={"currency": currency, "minimum": format_amount(rule.minimum)},
                )
            if amount > rule.maximum:
                raise ValidationError(
                    _("For a pledge above %(maximum)s %(currency)s please contact our fundraising team."),
                    code="max_value",
                    params={"currency": currency, "maximum": format_amount(rule.maximum)},
                )
        except ValidationError as error:
            self.add_error(field, error)
            return cleaned
        cleaned["amount"] = amount
        if not cleaned.get("anonymous") and not cleaned.get("donor_name") and "donor_name" not in self.errors:
            self.add_error(
                "donor_name", ValidationError(_("Enter your name, or tick “Give anonymously”."), code="required")
            )
        cleaned["designation_page"] = self.designation_pages.get(cleaned.get("designation") or "")
        return cleaned

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                described = widget.attrs.get("aria-describedby", "")
                widget.attrs["aria-describedby"] = f"{described} {name}-error".strip()

    def display_order(self):
        """Field names in the order the template shows them (amount suggestions come before "other amount")."""
        shown = ["frequency", "currency", *(f"amount_{code}" for code in self.currencies), "other_amount"]
        return ["__all__", *shown, *(name for name in self.fields if name not in shown)]

    def error_list(self):
        """(field id to link to, message) for the error summary at the top of the form, in the form's order."""
        order = {name: position for position, name in enumerate(self.display_order())}
        items = []
        for name, errors in sorted(self.errors.items(), key=lambda item: order.get(item[0], len(order))):
            anchor = self.anchor_for(name)
            for message in errors:
                items.append((anchor, message))
        return items

    def anchor_for(self, name):
        if name == "__all__" or name not in self.fields:
            return ""  # a message about the whole form: shown, not linked
        field = self.fields[name]
        if isinstance(field.widget, forms.RadioSelect):
            return f"id_{name}_0"
        return f"id_{name}"

    def amount_groups(self):
        """One (currency rule, bound field) pair per currency, for the template."""
        return [(self.rules[code], self[f"amount_{code}"]) for code in self.currencies]


class PledgeStatusForm(forms.Form):
    """Staff move a pledge along its statuses and say why."""

    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: why the status changed, e.g. “transfer received 12 March”."),
    )

    def __init__(self, *args, pledge, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Pledge.Status.choices)
        self.fields["status"].choices = [(status, labels[status]) for status in pledge.allowed_statuses()]
