"""Pledge options shared by the form, the e-mail and the admin: one place to change a limit or bank details.

They are a site setting rather than fields of the donate page because they are policy, not page
content: a new minimum or corrected bank details apply at once, without a page revision waiting
for moderation, and the server-side validation never depends on which revision of the page is live.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import register_setting

from pages.models.settings import CachedSiteSetting

CURRENCIES = ("KGS", "USD", "EUR", "RUB")
CURRENCY_NAMES = {
    "KGS": _("Kyrgyz som (KGS)"),
    "USD": _("US dollar (USD)"),
    "EUR": _("Euro (EUR)"),
    "RUB": _("Russian rouble (RUB)"),
}
DEFAULT_CURRENCY = "KGS"
MAX_AMOUNT_DIGITS = 12


@dataclass(frozen=True)
class CurrencyRule:
    code: str
    presets: tuple
    minimum: Decimal
    maximum: Decimal

    @property
    def name(self):
        return CURRENCY_NAMES[self.code]


def parse_presets(text):
    """ "500, 1000, 2500" → (Decimal("500"), Decimal("1000"), Decimal("2500")); ValueError if malformed."""
    amounts = []
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip().replace(" ", "")
        if not part:
            continue
        try:
            amount = Decimal(part)
        except InvalidOperation as error:
            raise ValueError(part) from error
        if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
            raise ValueError(part)
        amounts.append(amount)
    return tuple(amounts)


def validate_presets(text):
    try:
        presets = parse_presets(text)
    except ValueError as error:
        raise ValidationError(
            _("“%(value)s” is not an amount. Write amounts separated by commas, e.g. 500, 1000, 2500."),
            params={"value": str(error)},
        ) from error
    if len(presets) > 6:
        raise ValidationError(_("Offer at most six amounts."))


def _amount_field(label, default):
    return models.DecimalField(
        label,
        max_digits=MAX_AMOUNT_DIGITS,
        decimal_places=2,
        default=Decimal(default),
        validators=[MinValueValidator(Decimal("0.01"))],
    )


def _presets_field(default):
    return models.CharField(
        _("suggested amounts"),
        max_length=100,
        default=default,
        validators=[validate_presets],
        help_text=_("Separated by commas, e.g. 500, 1000, 2500."),
    )


@register_setting(icon="tag")
class PledgeSettings(CachedSiteSetting):
    """Currencies, amounts, bank details, the fundraising contact and the consent text of the pledge form."""

    kgs_presets = _presets_field("500, 1000, 2500")
    kgs_minimum = _amount_field(_("minimum"), "100")
    kgs_maximum = _amount_field(_("maximum"), "1000000")
    usd_presets = _presets_field("10, 25, 50")
    usd_minimum = _amount_field(_("minimum"), "1")
    usd_maximum = _amount_field(_("maximum"), "10000")
    eur_presets = _presets_field("10, 25, 50")
    eur_minimum = _amount_field(_("minimum"), "1")
    eur_maximum = _amount_field(_("maximum"), "10000")
    rub_presets = _presets_field("500, 1000, 3000")
    rub_minimum = _amount_field(_("minimum"), "100")
    rub_maximum = _amount_field(_("maximum"), "1000000")

    bank_transfer_details = models.TextField(
        _("bank transfer details"),
        blank=True,
        max_length=2000,
        help_text=_(
            "Recipient, bank, account and purpose of payment, exactly as the bank gave them. "
            "Leave empty until confirmed: visitors are then asked to contact the fundraising team."
        ),
    )
    fundraising_contact_name = models.CharField(
        _("fundraising contact"),
        max_length=200,
        blank=True,
        help_text=_("A person or a team, e.g. “Fundraising team”."),
    )
    fundraising_email = models.EmailField(
        _("fundraising e-mail"), blank=True, help_text=_("Empty: the head office e-mail is shown.")
    )
    fundraising_phone = models.CharField(
        _("fundraising phone"), max_length=40, blank=True, help_text=_("Empty: the head office phone is shown.")
    )
    consent_text = models.TextField(
        _("consent text"),
        blank=True,
        max_length=1000,
        help_text=_("The statement the donor agrees to. Empty: the site's standard wording is used."),
    )
    consent_version = models.CharField(
        _("consent version"),
        max_length=40,
        default="1",
        help_text=_("Change it whenever you change the consent text: every pledge records the version it agreed to."),
    )

    panels = [
        HelpPanel(content=_("Amounts are checked on the server: a pledge outside these limits is refused.")),
        *[
            MultiFieldPanel(
                [
                    FieldPanel(f"{code.lower()}_presets"),
                    FieldRowPanel([FieldPanel(f"{code.lower()}_minimum"), FieldPanel(f"{code.lower()}_maximum")]),
                ],
                heading=CURRENCY_NAMES[code],
            )
            for code in CURRENCIES
        ],
        MultiFieldPanel(
            [
                FieldPanel("bank_transfer_details"),
                FieldPanel("fundraising_contact_name"),
                FieldPanel("fundraising_email"),
                FieldPanel("fundraising_phone"),
            ],
            heading=_("Other ways to give"),
        ),
        MultiFieldPanel([FieldPanel("consent_text"), FieldPanel("consent_version")], heading=_("Consent")),
    ]

    class Meta:
        verbose_name = _("pledge options")

    def __str__(self):
        return str(_("pledge options"))

    def clean(self):
        super().clean()
        errors = {}
        for code in CURRENCIES:
            prefix = code.lower()
            minimum = getattr(self, f"{prefix}_minimum")
            maximum = getattr(self, f"{prefix}_maximum")
            if minimum is not None and maximum is not None and minimum >= maximum:
                errors[f"{prefix}_maximum"] = _("The maximum must be greater than the minimum.")
                continue
            try:
                presets = parse_presets(getattr(self, f"{prefix}_presets"))
            except ValueError:
                continue  # the field's own validator reports it
            if minimum is not None and maximum is not None and any(not minimum <= p <= maximum for p in presets):
                errors[f"{prefix}_presets"] = _("Every suggested amount must lie between the minimum and the maximum.")
        if errors:
            raise ValidationError(errors)

    def currency_rules(self):
        """{"KGS": CurrencyRule(...), ...} in the order the form offers them."""
        rules = {}
        for code in CURRENCIES:
            prefix = code.lower()
            try:
                presets = parse_presets(getattr(self, f"{prefix}_presets"))
            except ValueError:
                presets = ()
            rules[code] = CurrencyRule(
                code=code,
                presets=presets,
                minimum=getattr(self, f"{prefix}_minimum"),
                maximum=getattr(self, f"{prefix}_maximum"),
            )
        return rules

    def get_consent_text(self):
        """The consent statement in the active language, or the standard wording when editors left it empty."""
        return self.consent_text or str(
            _(
                "I agree that the foundation processes the personal data I give in this form to record my "
                "pledge and to contact me about it."
            )
        )
