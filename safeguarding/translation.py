from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from safeguarding.models import ConcernReportPage, SafeguardingSettings


@register(ConcernReportPage)
class ConcernReportPageTranslation(TranslationOptions):
    fields = ("introduction", "body", "thank_you_text")


@register(SafeguardingSettings)
class SafeguardingSettingsTranslation(TranslationOptions):
    # Names are written per language (Cyrillic/Latin); numbers and e-mail are the same in every language.
    fields = ("focal_point_name",)
