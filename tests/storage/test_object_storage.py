"""Media on S3-compatible object storage (SOS_S3_*), against a real local S3 server (tests/storage/conftest.py)."""

import datetime
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request

import factory
import pytest
import wagtail_factories
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from pages import consent
from pages.models import SiteImage
from tests.factories import StandardPageFactory
from tests.storage.conftest import ROOT, files_under

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TODAY = consent.today()


def upload_photo(admin_client, title="Village yard"):
    png = get_test_image_file(size=(1200, 800)).file.getvalue()
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "file": SimpleUploadedFile("village-yard.png", png, content_type="image/png"),
            "collection": Collection.get_first_root_node().pk,
            "shows_children": "False",
            "consent_status": "not_needed",
        },
    )
    assert response.status_code == 302
    return SiteImage.objects.get(title=title)


def child_photo(**fields):
    values = {
        "title": "Children in the yard",
        "file": get_test_image_file(size=(1200, 800)),
        "shows_children": True,
        "consent_status": "obtained",
        "consent_reference": "SOS-2025-014",
        "consent_expires": TODAY + datetime.timedelta(days=365),
        "consent_website": True,
    }
    values.update(fields)
    return SiteImage.objects.create(**values)


def document(collection=None):
    return wagtail_factories.DocumentFactory(
        title="Annual report",
        file=factory.django.FileField(filename="annual-report.pdf", data=PDF_BYTES),
        collection=collection or Collection.get_first_root_node(),
    )


def fetch(url):
    """GET ``url`` from the S3 server as an anonymous browser would: (status, body)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (the local test server)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_an_uploaded_image_goes_to_the_bucket_and_nothing_to_media_root(admin_client, s3_bucket):
    before = files_under(settings.MEDIA_ROOT)
    image = upload_photo(admin_client)
    assert s3_bucket.keys("original_images/") == [image.file.name]
    assert s3_bucket.read(image.file.name) == image.file.open("rb").read()
    assert files_under(settings.MEDIA_ROOT) == before


def test_an_upload_makes_its_renditions_in_the_bucket(admin_client, s3_bucket, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the rendition task is enqueued after commit
        image = upload_photo(admin_client)
    renditions = list(image.renditions.all())
    assert len(renditions) > 4  # every preset, in its own format and WebP
    assert s3_bucket.keys("images/") == sorted(rendition.file.name for rendition in renditions)


def test_a_rendition_is_served_from_the_public_media_domain(s3_bucket):
    image = child_photo()
    rendition = image.get_rendition("fill-300x200|format-jpeg")
    assert rendition.url == f"{s3_bucket.public_url}/{rendition.file.name}"
    status, body = fetch(rendition.url)
    assert status == 200
    assert body[:3] == b"\xff\xd8\xff"  # a JPEG, made from the original read back from the bucket


def test_a_page_shows_its_photo_from_the_media_domain_and_its_csp_allows_it(client, home_page, s3_bucket):
    page = StandardPageFactory(parent=home_page, hero_image=child_photo())
    page.save_revision().publish()
    response = client.get(page.url)
    assert response.status_code == 200
    sources = re.findall(r'<img[^>]* src="([^"]+)"', response.content.decode())
    assert sources and all(source.startswith(f"{s3_bucket.public_url}/images/") for source in sources)
    assert f"img-src 'self' {s3_bucket.endpoint} data:" in response["Content-Security-Policy"]


def test_the_admin_csp_allows_the_media_domain_too(admin_client, s3_bucket):
    response = admin_client.get(reverse("wagtailimages:index"))
    assert response.status_code == 200
    assert f"img-src 'self' {s3_bucket.endpoint} data: blob:" in response["Content-Security-Policy"]


def test_original_images_are_only_reachable_by_a_signed_expiring_url(s3_bucket):
    image = child_photo()
    signed = image.file.url
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=3600" in signed
    assert fetch(signed)[0] == 200
    assert fetch(f"{s3_bucket.public_url}/{image.file.name}") == (403, b"")  # a guessed URL: refused


def test_documents_in_the_bucket_cannot_be_fetched_around_the_site(s3_bucket):
    doc = document()
    assert fetch(f"{s3_bucket.public_url}/{doc.file.name}") == (403, b"")


def test_withdrawing_consent_deletes_the_renditions_from_the_bucket(s3_bucket):
    image = child_photo()
    rendition = image.get_rendition("width-400")
    assert rendition.file.name in s3_bucket.keys("images/")
    image.consent_status = "withdrawn"
    image.save()
    assert s3_bucket.keys("images/") == []
    assert not image.renditions.exists()


def test_a_consent_that_expired_overnight_loses_its_renditions_in_the_daily_check(s3_bucket):
    image = child_photo()
    image.get_rendition("width-400")
    image.get_rendition("fill-300x200")
    assert len(s3_bucket.keys("images/")) == 2
    SiteImage.objects.filter(pk=image.pk).update(consent_expires=TODAY - datetime.timedelta(days=1))
    call_command("check_image_consent", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert s3_bucket.keys("images/") == []
    assert s3_bucket.keys("original_images/") == [image.file.name]  # private; kept for a renewed consent


def test_a_document_is_stored_in_the_bucket_and_downloaded_through_the_site(client, s3_bucket):
    doc = document()
    assert s3_bucket.keys("documents/") == [doc.file.name]
    response = client.get(doc.url)
    assert doc.url == f"/documents/{doc.pk}/annual-report.pdf"
    assert response.status_code == 200  # streamed by the site, not a redirect to the bucket
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(PDF_BYTES))
    assert "Content-Encoding" not in response


def private_collection(restriction_type, **fields):
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=restriction_type, **fields
    )
    return collection, restriction


def test_a_document_in_a_login_only_collection_sends_visitors_to_sign_in(client, s3_bucket):
    collection, _ = private_collection(CollectionViewRestriction.LOGIN)
    doc = document(collection)
    response = client.get(doc.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_document_in_a_login_only_collection_is_served_to_staff(admin_client, s3_bucket):
    collection, _ = private_collection(CollectionViewRestriction.LOGIN)
    doc = document(collection)
    response = admin_client.get(doc.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_document_of_a_group_only_collection_is_refused_to_other_users(client, django_user_model, s3_bucket):
    collection, restriction = private_collection(CollectionViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Safeguarding")])
    doc = document(collection)
    outsider = django_user_model.objects.create_user("outsider", password="x")
    client.force_login(outsider)
    response = client.get(doc.url)
    assert response.status_code == 302  # Wagtail sends a signed-in outsider to sign in as someone else
    assert "/login/" in response["Location"]


def test_a_document_of_a_password_collection_needs_the_password(client, s3_bucket):
    collection, _ = private_collection(CollectionViewRestriction.PASSWORD, password="board-2025")
    doc = document(collection)
    response = client.get(doc.url)
    assert response.status_code == 200
    assert not getattr(response, "streaming", False)  # the password form, not the file
    assert PDF_BYTES not in response.content


def settings_in_a_new_process(env):
    """STORAGES and friends as sos_site.settings.production builds them from ``env`` alone."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "from sos_site.middleware import content_security_policy; from django.test import RequestFactory; "
        "print(json.dumps({'storages': settings.STORAGES, 'docs': settings.WAGTAILDOCS_SERVE_METHOD, "
        "'csp': content_security_policy(RequestFactory().get('/ru/'))}))"
    )
    base = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "sos_site.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": "sqlite:////tmp/unused.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env={**base, **env}, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_environment_alone_switches_production_to_object_storage():
    found = settings_in_a_new_process(
        {
            "SOS_S3_BUCKET": "sos-media",
            "SOS_S3_ENDPOINT_URL": "https://s3.example.net",
            "SOS_S3_CUSTOM_DOMAIN": "media.sos-kyrgyzstan.org",
            "SOS_S3_REGION": "eu-central-1",
            "AWS_ACCESS_KEY_ID": "key-id",
            "AWS_SECRET_ACCESS_KEY": "secret",
        }
    )
    default, renditions = found["storages"]["default"], found["storages"]["renditions"]
    assert default["BACKEND"] == renditions["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == renditions["OPTIONS"]["bucket_name"] == "sos-media"
    assert default["OPTIONS"]["endpoint_url"] == "https://s3.example.net"
    assert default["OPTIONS"]["region_name"] == "eu-central-1"
    assert default["OPTIONS"]["access_key"] == "key-id" and default["OPTIONS"]["secret_key"] == "secret"
    assert default["OPTIONS"]["querystring_auth"] is True and "custom_domain" not in default["OPTIONS"]
    assert renditions["OPTIONS"]["querystring_auth"] is False
    assert renditions["OPTIONS"]["custom_domain"] == "media.sos-kyrgyzstan.org"
    assert found["storages"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert found["docs"] == "serve_view"
    assert "img-src 'self' https://media.sos-kyrgyzstan.org data:" in found["csp"]


def test_without_a_bucket_uploads_stay_on_the_disk_and_the_csp_is_unchanged():
    found = settings_in_a_new_process({})
    assert found["storages"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert "renditions" not in found["storages"]
    assert "img-src 'self' data:" in found["csp"]
