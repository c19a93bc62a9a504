"""Models shared by every section: images, the base page, home and standard pages, site settings."""

from .base import BasePage
from .editor_language import EditorLanguagePreference
from .images import SiteImage, SiteRendition
from .pages import HomePage, StandardPage
from .search import SearchEntry
from .settings import OrganisationSettings
from .translation_state import TranslationState

__all__ = [
    "BasePage",
    "EditorLanguagePreference",
    "HomePage",
    "OrganisationSettings",
    "SearchEntry",
    "SiteImage",
    "SiteRendition",
    "StandardPage",
    "TranslationState",
]
