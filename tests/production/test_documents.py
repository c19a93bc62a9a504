"""Documents download through /documents/ with valid headers (Wagtail 7.4.4 sends Content-Encoding: None)."""

import factory
import pytest
import wagtail_factories
from wagtail.documents.views.serve import serve as wagtail_serve

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def pdf_document():
    return wagtail_factories.DocumentFactory(
        title="Annual report", file=factory.django.FileField(filename="annual-report.pdf", data=PDF_BYTES)
    )


def _download(client, document):
    response = client.get(document.url)
    assert response.status_code == 200
    return response


def test_pdf_download_has_no_content_encoding_header(client, pdf_document):
    response = _download(client, pdf_document)
    assert "Content-Encoding" not in response


def test_pdf_download_opens_inline_as_a_pdf_with_its_length(client, pdf_document):
    response = _download(client, pdf_document)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{pdf_document.filename}"'
    assert response["Content-Length"] == str(len(PDF_BYTES))
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_pdf_download_is_not_gzipped_for_a_client_accepting_gzip(client, pdf_document):
    response = client.get(pdf_document.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert response["Content-Length"] == str(len(PDF_BYTES))


def test_wagtails_own_view_still_sends_the_invalid_header(rf, pdf_document):
    """When this fails, Wagtail has fixed sendfile.py: drop sos_site/documents.py and its URL."""
    response = wagtail_serve(rf.get(pdf_document.url), pdf_document.pk, pdf_document.filename)
    assert response["Content-Encoding"] == "None"


def test_document_url_is_still_wagtails(pdf_document):
    assert pdf_document.url == f"/documents/{pdf_document.pk}/{pdf_document.filename}"
