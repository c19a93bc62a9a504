"""Editors create every advocacy page type, and the section's snippets and files, from Wagtail's own admin views."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from advocacy.models import (
    AdvocacyIndexPage,
    AdvocacyProgrammePage,
    FocusArea,
    KeyDocument,
    ResearchReportIndexPage,
    ResearchReportPage,
)
from demo.pdf import make_pdf
from pages.slugs import transliterated_slug
from tests.advocacy.factories import FocusAreaFactory, KeyDocumentFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ("ru", "ky", "en")


def titles(ru, ky, en):
    """Title, slug and SEO fields per language; the slug is what the admin's JavaScript fills in from the title."""
    data = {"title_ru": ru, "title_ky": ky, "title_en": en}
    for code in LANGUAGES:
        data[f"slug_{code}"] = transliterated_slug(data[f"title_{code}"])
        data[f"seo_title_{code}"] = ""
        data[f"search_description_{code}"] = ""
    return data


def publish(admin_client, model, parent, data, choices=None):
    """Post the admin's create form with "Publish"; ``choices`` holds multiple-choice fields (lists of ids)."""
    url = reverse("wagtailadmin_pages:add", args=("advocacy", model._meta.model_name, parent.pk))
    form_data = nested_form_data({**data, "action-publish": "action-publish"})
    response = admin_client.post(url, {**form_data, **(choices or {})})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return model.objects.child_of(parent).latest("pk")


def test_admin_creates_the_advocacy_section_in_three_languages(admin_client, home_page, advocacy_index):
    advocacy_index.delete()  # only one section may exist
    page = publish(
        admin_client,
        AdvocacyIndexPage,
        home_page,
        {
            **titles("Защита прав", "Укуктарды коргоо", "Rights"),
            **{f"introduction_{code}": f"intro {code}" for code in LANGUAGES},
            **{f"body_{code}": streamfield([("paragraph", rich_text(f"<p>body {code}</p>"))]) for code in LANGUAGES},
            **{f"goals_{code}": streamfield([("goal", {"title": f"goal {code}", "text": ""})]) for code in LANGUAGES},
            "hero_image": "",
        },
    )
    assert page.live
    assert (page.title_ru, page.title_ky, page.title_en) == ("Защита прав", "Укуктарды коргоо", "Rights")
    assert (page.slug_ru, page.slug_ky, page.slug_en) == ("zashchita-prav", "ukuktardy-korgoo", "rights")
    assert page.goals_ky[0].value["title"] == "goal ky"
    assert "body en" in str(page.body_en[0].value)


def test_admin_creates_a_programme_with_topics_documents_and_call_to_action(admin_client, advocacy_index):
    topic, document = FocusAreaFactory(), KeyDocumentFactory()
    page = publish(
        admin_client,
        AdvocacyProgrammePage,
        advocacy_index,
        {
            **titles("Жильё для выпускников", "Бүтүрүүчүлөр үчүн турак-жай", "Housing for care leavers"),
            **{f"summary_{code}": f"summary {code}" for code in LANGUAGES},
            **{f"body_{code}": streamfield([("heading", {"text": f"h {code}", "level": "h2"})]) for code in LANGUAGES},
            **{f"cta_heading_{code}": f"cta {code}" for code in LANGUAGES},
            **{f"cta_text_{code}": "" for code in LANGUAGES},
            **{f"cta_label_{code}": "" for code in LANGUAGES},
            "start_year": "2009",
            "end_year": "",
            "hero_image": "",
            "cta_page": "",
        },
        choices={"focus_areas": [str(topic.pk)], "related_documents": [str(document.pk)]},
    )
    assert page.summary_ky == "summary ky"
    assert page.cta_heading_en == "cta en"
    assert page.start_year == 2009
    assert list(page.focus_areas.all()) == [topic]
    assert list(page.related_documents.all()) == [document]
    assert page.body_ru[0].value["text"] == "h ru"


def test_admin_rejects_a_programme_ending_before_it_starts(admin_client, advocacy_index):
    url = reverse("wagtailadmin_pages:add", args=("advocacy", "advocacyprogrammepage", advocacy_index.pk))
    data = {
        **titles("Неверные годы", "Туура эмес жылдар", "Wrong years"),
        **{f"body_{code}": streamfield([]) for code in LANGUAGES},
        "start_year": "2015",
        "end_year": "2010",
        "action-publish": "action-publish",
    }
    response = admin_client.post(url, nested_form_data(data))
    assert response.status_code == 200
    assert "end_year" in response.context["form"].errors


def test_admin_creates_a_report_index(admin_client, advocacy_index):
    page = publish(
        admin_client,
        ResearchReportIndexPage,
        advocacy_index,
        {
            **titles("Публикации", "Басылмалар", "Publications"),
            **{f"introduction_{code}": f"intro {code}" for code in LANGUAGES},
        },
    )
    assert (page.introduction_ru, page.introduction_ky, page.introduction_en) == ("intro ru", "intro ky", "intro en")


def upload_pdf(admin_client, title, language):
    """Upload a PDF through Wagtail's document form, as an editor does."""
    content = make_pdf(title=title, subtitle="test", paragraphs=["Текст"], language=language, author="SOS")
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(f"{language}.pdf", content, content_type="application/pdf"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302
    return get_document_model().objects.get(title=title)


def test_editor_publishes_a_report_with_its_pdfs_entirely_from_the_admin(
    admin_client, client, demo_report_index, care_leavers_programme
):
    file_ru, file_ky = upload_pdf(admin_client, "Отчёт RU", "ru"), upload_pdf(admin_client, "Отчёт KY", "ky")
    topic = FocusArea.objects.get(slug="care-leavers")
    page = publish(
        admin_client,
        ResearchReportPage,
        demo_report_index,
        {
            **titles("Новый отчёт о выпускниках", "Бүтүрүүчүлөр жөнүндө жаңы отчет", "New report on care leavers"),
            **{f"summary_{code}": f"summary {code}" for code in LANGUAGES},
            **{f"authors_{code}": f"authors {code}" for code in LANGUAGES},
            **{
                f"findings_{code}": streamfield(
                    [
                        ("key_finding", {"statement": f"finding {code}", "text": ""}),
                        ("paragraph", rich_text("<p>x</p>")),
                    ]
                )
                for code in LANGUAGES
            },
            "publication_year": "2021",
            "file_ru": str(file_ru.pk),
            "file_ky": str(file_ky.pk),
            "file_en": "",
            "cover_image": "",
        },
        choices={"focus_areas": [str(topic.pk)], "related_programmes": [str(care_leavers_programme.pk)]},
    )
    assert page.live and page.file_languages() == ["ru", "ky"]
    assert page.findings_en[0].value["statement"] == "finding en"
    html = client.get(page.get_translated_urls()["en"]).content.decode()
    assert "New report on care leavers" in html
    assert f'href="{file_ru.url}" hreflang="ru"' in html
    programme_html = client.get(care_leavers_programme.get_translated_urls()["ky"]).content.decode()
    assert "Бүтүрүүчүлөр жөнүндө жаңы отчет" in programme_html


def test_admin_creates_a_focus_area_in_three_languages(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_advocacy_focusarea:add"),
        {"name_ru": "Опека", "name_ky": "Камкордук", "name_en": "Guardianship", "slug": "", "sort_order": "5"},
    )
    assert response.status_code == 302
    area = FocusArea.objects.get(name_en="Guardianship")
    assert (area.name_ru, area.name_ky, area.slug) == ("Опека", "Камкордук", "guardianship")


def test_admin_creates_a_key_document_in_three_languages(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_advocacy_keydocument:add"),
        {
            "title_ru": "Конвенция о правах ребёнка",
            "title_ky": "Баланын укуктары жөнүндө конвенция",
            "title_en": "Convention on the Rights of the Child",
            "issuing_body_en": "UN General Assembly",
            "year": "1989",
            "link": "https://example.org/crc",
            "sort_order": "0",
        },
    )
    assert response.status_code == 302
    document = KeyDocument.objects.get(title_en="Convention on the Rights of the Child")
    assert document.title_ky == "Баланын укуктары жөнүндө конвенция"


def test_admin_refuses_a_key_document_without_link_or_file(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_advocacy_keydocument:add"),
        {"title_ru": "Без ссылки", "year": "2000", "link": "", "sort_order": "0"},
    )
    assert response.status_code == 200
    assert not KeyDocument.objects.filter(title_ru="Без ссылки").exists()
    assert "Укажите ссылку или загрузите файл" in response.content.decode()


def test_admin_menu_groups_the_advocacy_snippets(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailsnippets_advocacy_focusarea:list") in html
    assert reverse("wagtailsnippets_advocacy_keydocument:list") in html
