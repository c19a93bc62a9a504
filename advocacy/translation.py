from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from advocacy.models import (
    AdvocacyIndexPage,
    AdvocacyProgrammePage,
    FocusArea,
    KeyDocument,
    ResearchReportIndexPage,
    ResearchReportPage,
)


@register(FocusArea)
class FocusAreaTranslation(TranslationOptions):
    fields = ("name", "description")


@register(KeyDocument)
class KeyDocumentTranslation(TranslationOptions):
    fields = ("title", "description", "issuing_body")


@register(AdvocacyIndexPage)
class AdvocacyIndexPageTranslation(TranslationOptions):
    fields = ("introduction", "body", "goals")


@register(AdvocacyProgrammePage)
class AdvocacyProgrammePageTranslation(TranslationOptions):
    fields = ("summary", "body", "cta_heading", "cta_text", "cta_label")


@register(ResearchReportIndexPage)
class ResearchReportIndexPageTranslation(TranslationOptions):
    fields = ("introduction",)


@register(ResearchReportPage)
class ResearchReportPageTranslation(TranslationOptions):
    fields = ("authors", "summary", "findings")
