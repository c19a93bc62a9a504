"""The donate page, its pledge options (site settings) and the pledges themselves."""

from .pages import DonateDesignation, DonatePage
from .pledges import Pledge, PledgeStatusChange
from .settings import CURRENCIES, CurrencyRule, PledgeSettings

__all__ = [
    "CURRENCIES",
    "CurrencyRule",
    "DonateDesignation",
    "DonatePage",
    "Pledge",
    "PledgeSettings",
    "PledgeStatusChange",
]
