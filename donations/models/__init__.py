"""The donate page, its pledge options (site settings), the pledges, and the money received for them."""

from .pages import DonateDesignation, DonatePage
from .payments import BankCSVFormat, BankStatement, Payment, StatementLine
from .pledges import Pledge, PledgeStatusChange
from .settings import CURRENCIES, CurrencyRule, PledgeSettings

__all__ = [
    "BankCSVFormat",
    "BankStatement",
    "CURRENCIES",
    "CurrencyRule",
    "DonateDesignation",
    "DonatePage",
    "Payment",
    "Pledge",
    "PledgeSettings",
    "PledgeStatusChange",
    "StatementLine",
]
