"""Factories for the advocacy section: snippets, documents and the three page types."""

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from advocacy.models import AdvocacyProgrammePage, FocusArea, KeyDocument, ResearchReportPage

# The smallest file that PDF readers accept as a PDF: enough for links and sizes.
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"Report file {n}")
    file = factory.LazyAttribute(lambda obj: ContentFile(TINY_PDF, name=f"{obj.title.lower().replace(' ', '-')}.pdf"))
    file_size = len(TINY_PDF)


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea

    name_ru = factory.Sequence(lambda n: f"Тема {n}")
    name_ky = factory.Sequence(lambda n: f"Тема ky {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class KeyDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyDocument

    title_ru = factory.Sequence(lambda n: f"Документ {n}")
    title_ky = factory.Sequence(lambda n: f"Документ ky {n}")
    title_en = factory.Sequence(lambda n: f"Document {n}")
    link = "https://example.org/document"
    year = 2009


class AdvocacyProgrammePageFactory(wagtail_factories.PageFactory):
    """A programme page; pass ``parent`` (the advocacy index)."""

    class Meta:
        model = AdvocacyProgrammePage

    title_ru = factory.Sequence(lambda n: f"Программа {n}")
    title_ky = factory.Sequence(lambda n: f"Программа ky {n}")
    title_en = factory.Sequence(lambda n: f"Programme {n}")
    title = factory.SelfAttribute("title_ru")
    summary_ru = "Краткое описание программы"
    summary_ky = "Программанын кыскача сүрөттөмөсү"
    summary_en = "Programme summary"
    start_year = 2009


class ResearchReportPageFactory(wagtail_factories.PageFactory):
    """A report page with no files; pass ``parent`` (a report index) and ``file_ru`` etc. as needed."""

    class Meta:
        model = ResearchReportPage

    title_ru = factory.Sequence(lambda n: f"Отчёт {n}")
    title_ky = factory.Sequence(lambda n: f"Отчет ky {n}")
    title_en = factory.Sequence(lambda n: f"Report {n}")
    title = factory.SelfAttribute("title_ru")
    summary_ru = "Краткое содержание отчёта"
    summary_ky = "Отчеттун кыскача мазмуну"
    summary_en = "Report summary"
    publication_year = 2021
