"""The donate page, its pledge options (site settings), bank accounts, campaigns and the pledges themselves."""

from .banking import BankAccount
from .campaigns import Campaign
from .pages import DonateDesignation, DonatePage
from .pledges import Pledge, PledgeStatusChange
from .settings import CURRENCIES, CurrencyRule, PledgeSettings

__all__ = [
    "CURRENCIES",
    "BankAccount",
    "Campaign",
    "CurrencyRule",
    "DonateDesignation",
    "DonatePage",
    "Pledge",
    "PledgeSettings",
    "PledgeStatusChange",
]
