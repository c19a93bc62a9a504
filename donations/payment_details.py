"""How to pay a pledge: the bank account for its currency, the payment purpose with its reference, a QR code.

The QR code holds plain text, one "label: value" line per detail in the donor's language, so any phone
camera shows something a person can read and copy into a banking app. No national QR payment standard
is assumed: none is shared by the banks and payment apps donors use here (see README "Donations").
"""

import io
from dataclasses import dataclass
from email.mime.image import MIMEImage

import segno
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from donations.formatting import format_amount
from donations.models import BankAccount

QR_ERROR_LEVEL = "m"


@dataclass(frozen=True)
class PaymentDetails:
    account: BankAccount
    reference: str
    amount: object
    currency: str

    @property
    def purpose(self):
        return self.account.payment_purpose_for(self.reference)

    def lines(self):
        """(label, value) pairs in the active language, empty values left out."""
        account = self.account
        pairs = [
            (_("Recipient"), account.recipient),
            (_("Recipient's tax ID (INN)"), account.recipient_tax_id),
            (_("Bank"), account.bank_name),
            (_("Account / IBAN"), account.account_number),
            (_("BIC / SWIFT"), account.bic),
            (_("Correspondent bank"), " ".join(account.correspondent_bank.split())),
            (_("Amount"), f"{format_amount(self.amount)} {self.currency}"),
            (_("Payment purpose"), self.purpose),
        ]
        return [(label, value) for label, value in pairs if value]

    def qr_payload(self):
        """The text the QR code encodes (see the module's docstring)."""
        return "\n".join(f"{label}: {value}" for label, value in self.lines())

    def qr_code(self):
        return segno.make(self.qr_payload(), error=QR_ERROR_LEVEL, micro=False)

    def qr_svg(self):
        """Inline SVG with an accessible name; no style attribute or script, so it passes a strict CSP."""
        code = self.qr_code()
        svg = code.svg_inline(scale=4, border=4, svgclass="payment-qr__image", lineclass=None, omitsize=True)
        width, height = code.symbol_size(scale=4, border=4)
        label = _("QR code with the payment details for pledge %(reference)s") % {"reference": self.reference}
        opening = format_html(
            '<svg width="{}" height="{}" role="img" aria-label="{}" focusable="false"', width, height, label
        )
        return mark_safe(svg.replace("<svg", opening, 1))  # noqa: S308 -- segno escapes its own output

    def qr_png(self):
        buffer = io.BytesIO()
        self.qr_code().save(buffer, kind="png", scale=5, border=4)
        return buffer.getvalue()

    @property
    def qr_content_id(self):
        return f"qr-{self.reference.lower()}@sos-kyrgyzstan"

    def qr_mime_image(self):
        """The QR code as an inline image of an HTML e-mail (referenced as cid:<qr_content_id>)."""
        image = MIMEImage(self.qr_png(), "png")
        image.add_header("Content-ID", f"<{self.qr_content_id}>")
        image.add_header("Content-Disposition", "inline", filename=f"{self.reference}.png")
        return image


def for_pledge(pledge, account=None):
    """The details for paying ``pledge``, or None when no account is configured for its currency."""
    if account is None:
        account = BankAccount.objects.filter(currency=pledge.currency).first()
    if account is None:
        return None
    return PaymentDetails(account=account, reference=pledge.reference, amount=pledge.amount, currency=pledge.currency)
