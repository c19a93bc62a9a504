"""The donate page, its pledge options, bank accounts, campaigns, the pledges, and the money received."""

from .banking import BankAccount
from .campaigns import Campaign
from .pages import DonateDesignation, DonatePage
from .payments import BankCSVFormat, BankStatement, Payment, StatementLine
from .pledges import Pledge, PledgeStatusChange
from .settings import CURRENCIES, CurrencyRule, PledgeSettings

__all__ = [
    "BankCSVFormat",
    "BankStatement",
    "CURRENCIES",
    "BankAccount",
    "Campaign",
    "CurrencyRule",
    "DonateDesignation",
    "DonatePage",
    "Payment",
    "Pledge",
    "PledgeSettings",
    "PledgeStatusChange",
    "StatementLine",
]
