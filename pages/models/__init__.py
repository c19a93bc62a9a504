"""Models shared by every section: images, the base page, home and standard pages, site settings."""

from .abuse import RateLimitCounter
from .base import BasePage
from .editor_language import EditorLanguagePreference
from .images import SiteImage, SiteRendition
from .pages import HomePage, StandardPage
from .search import SearchEntry
from .settings import OrganisationSettings
from .status_history import StatusChange
from .translation_state import TranslationState

__all__ = [
    "BasePage",
    "EditorLanguagePreference",
    "HomePage",
    "OrganisationSettings",
    "RateLimitCounter",
    "SearchEntry",
    "SiteImage",
    "SiteRendition",
    "StandardPage",
    "StatusChange",
    "TranslationState",
]
