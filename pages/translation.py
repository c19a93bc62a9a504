from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from pages.models import HomePage, OrganisationSettings, SiteImage, StandardPage


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("hero_heading", "hero_text", "introduction", "national_work", "sections", "body")


@register(StandardPage)
class StandardPageTranslation(TranslationOptions):
    fields = ("introduction", "body")


@register(SiteImage)
class SiteImageTranslation(TranslationOptions):
    fields = ("description", "caption")


@register(OrganisationSettings)
class OrganisationSettingsTranslation(TranslationOptions):
    fields = ("name", "legal_name", "tagline", "partnership_text")
