"""The organisation's bank accounts, one per currency: what a donor needs to pay a pledge.

A snippet rather than fields of the pledge options: each currency has its own recipient, bank and
correspondent bank, and editors add or remove a currency by adding or removing its account. A currency
without an account is not offered in the pledge form.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from .settings import CURRENCIES, CURRENCY_NAMES

REFERENCE_PLACEHOLDER = "{reference}"


class BankAccountQuerySet(models.QuerySet):
    def by_currency(self):
        """{"KGS": BankAccount, ...} in the order the form offers currencies (one query)."""
        accounts = {account.currency: account for account in self.all()}
        return {code: accounts[code] for code in CURRENCIES if code in accounts}


class BankAccount(models.Model):
    currency = models.CharField(
        _("currency"),
        max_length=3,
        unique=True,
        choices=[(code, CURRENCY_NAMES[code]) for code in CURRENCIES],
        help_text=_("Donors who pledge in this currency are shown this account. One account per currency."),
    )
    recipient = models.CharField(
        _("recipient"), max_length=200, help_text=_("The account holder's name exactly as the bank knows it.")
    )
    recipient_tax_id = models.CharField(
        _("recipient's tax ID (INN)"),
        max_length=20,
        blank=True,
        help_text=_("Optional; banks in Kyrgyzstan ask for it."),
    )
    bank_name = models.CharField(_("bank"), max_length=200)
    account_number = models.CharField(_("account number or IBAN"), max_length=64)
    bic = models.CharField(_("BIC / SWIFT"), max_length=20, blank=True)
    correspondent_bank = models.TextField(
        _("correspondent bank"),
        blank=True,
        max_length=500,
        help_text=_("For USD, EUR and RUB transfers: the correspondent bank's name, SWIFT and account."),
    )
    payment_purpose = models.CharField(
        _("payment purpose"),
        max_length=200,
        help_text=_(
            "What the donor writes as the purpose of the transfer. Must contain {reference}: the pledge reference."
        ),
    )
    notes = models.TextField(
        _("notes for donors"), blank=True, max_length=1000, help_text=_("Optional, e.g. which payment apps work.")
    )

    panels = [
        FieldPanel("currency"),
        MultiFieldPanel(
            [FieldPanel("recipient"), FieldPanel("recipient_tax_id")],
            heading=_("Recipient"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("bank_name"),
                FieldRowPanel([FieldPanel("account_number"), FieldPanel("bic")]),
                FieldPanel("correspondent_bank"),
            ],
            heading=_("Bank"),
        ),
        FieldPanel("payment_purpose"),
        FieldPanel("notes"),
    ]

    objects = BankAccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")
        ordering = ["currency"]

    def __str__(self):
        return f"{self.currency}: {self.bank_name}"

    def clean(self):
        super().clean()
        purposes = [(name, getattr(self, name, "")) for name in self.__dict__ if name.startswith("payment_purpose")]
        errors = {
            name: _("Include {reference}: it is replaced by the pledge reference, which matches the payment.")
            for name, value in purposes
            if value and REFERENCE_PLACEHOLDER not in value
        }
        if errors:
            raise ValidationError(errors)

    def payment_purpose_for(self, reference):
        """The purpose line with the pledge reference in it (always contains the reference)."""
        purpose = self.payment_purpose or ""
        if REFERENCE_PLACEHOLDER in purpose:
            return purpose.replace(REFERENCE_PLACEHOLDER, reference)
        return f"{purpose} {reference}".strip()
