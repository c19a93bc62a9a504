from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from offices.models import OfficeIndexPage, OfficePage


@register(OfficeIndexPage)
class OfficeIndexPageTranslation(TranslationOptions):
    fields = ("introduction", "body")


@register(OfficePage)
class OfficePageTranslation(TranslationOptions):
    fields = ("introduction", "address", "city", "opening_hours", "contact_person", "contact_role", "body")
