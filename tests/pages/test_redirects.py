"""Old URLs keep working in every language after a slug change or a move: one redirect per old path."""

import pytest
from django.core.management import call_command
from django.utils import translation
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

SLUGS = {"slug_ru": "programmy", "slug_ky": "programmalar", "slug_en": "programmes"}


@pytest.fixture
def section(home_page):
    """A live page with a live child, each with its own slug per language."""
    parent = StandardPageFactory(parent=home_page, **SLUGS)
    StandardPageFactory(parent=parent, slug_ru="semya", slug_ky="uy-bulo", slug_en="family")
    return parent


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a page the way the admin does, running what waits for the commit (Wagtail's signals)."""

    def publish(page, language="ru", **slugs):
        with translation.override(language), django_capture_on_commit_callbacks(execute=True):
            for field, value in slugs.items():
                setattr(page, field, value)
            page.save_revision().publish()

    return publish


@pytest.fixture
def move(django_capture_on_commit_callbacks):
    def move(page, target):
        with django_capture_on_commit_callbacks(execute=True):
            page.move(target, pos="last-child")

    return move


def assert_redirects(client, old_url, new_url):
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == new_url
    assert client.get(new_url).status_code == 200


def test_russian_slug_change_redirects_the_old_russian_url(client, section, publish):
    publish(section, slug_ru="nashi-programmy")
    assert_redirects(client, "/ru/programmy/", "/ru/nashi-programmy/")
    assert_redirects(client, "/ru/programmy/semya/", "/ru/nashi-programmy/semya/")


def test_kyrgyz_slug_change_by_an_editor_working_in_russian_redirects_the_old_kyrgyz_url(client, section, publish):
    publish(section, language="ru", slug_ky="bizdin-programmalar")
    assert_redirects(client, "/ky/programmalar/", "/ky/bizdin-programmalar/")
    assert_redirects(client, "/ky/programmalar/uy-bulo/", "/ky/bizdin-programmalar/uy-bulo/")


def test_kyrgyz_slug_change_in_kyrgyz_redirects_the_old_kyrgyz_url(client, section, publish):
    publish(section, language="ky", slug_ky="bizdin-programmalar")
    assert_redirects(client, "/ky/programmalar/", "/ky/bizdin-programmalar/")


def test_slug_change_in_one_language_leaves_the_others_alone(section, publish):
    publish(section, slug_ky="bizdin-programmalar")
    assert sorted(Redirect.objects.values_list("old_path", flat=True)) == [
        "/ky/programmalar",
        "/ky/programmalar/uy-bulo",
    ]


def test_slug_change_makes_one_automatic_permanent_redirect_per_old_path(section, publish):
    publish(section, language="ky", slug_ky="bizdin-programmalar")
    redirects = list(Redirect.objects.filter(old_path="/ky/programmalar"))
    assert len(redirects) == 1
    assert redirects[0].automatically_created
    assert redirects[0].is_permanent
    assert redirects[0].redirect_page_id == section.pk


def test_renaming_twice_redirects_both_old_urls_to_the_page(client, section, publish):
    publish(section, slug_en="our-programmes")
    publish(section, slug_en="what-we-do")
    assert_redirects(client, "/en/programmes/", "/en/what-we-do/")
    assert_redirects(client, "/en/our-programmes/", "/en/what-we-do/")
    assert Redirect.objects.filter(old_path="/en/programmes").count() == 1


def test_a_redirect_made_by_an_editor_is_kept(section, publish):
    manual = Redirect.objects.create(old_path="/ru/programmy", redirect_link="https://example.org/")
    publish(section, slug_ru="nashi-programmy")
    assert list(Redirect.objects.filter(old_path="/ru/programmy")) == [manual]
    manual.refresh_from_db()
    assert manual.redirect_link == "https://example.org/"


def test_saving_without_a_slug_change_makes_no_redirect(section, publish):
    publish(section, title_en="Programmes and projects")
    assert not Redirect.objects.exists()


@pytest.mark.parametrize(
    ("old_url", "new_url"),
    [
        ("/ru/programmy/semya/", "/ru/o-nas/semya/"),
        ("/ky/programmalar/uy-bulo/", "/ky/biz-zhonundo/uy-bulo/"),
        ("/en/programmes/family/", "/en/about-us/family/"),
    ],
)
def test_moved_page_redirects_its_old_url_in_every_language(client, section, move, old_url, new_url):
    about = Page.objects.get(url_path_en__endswith="/about-us/")
    move(Page.objects.get(url_path_en__endswith="/programmes/family/"), about)
    assert_redirects(client, old_url, new_url)


def test_move_makes_one_automatic_redirect_per_language(section, move):
    about = Page.objects.get(url_path_en__endswith="/about-us/")
    move(Page.objects.get(url_path_en__endswith="/programmes/family/"), about)
    assert sorted(Redirect.objects.values_list("old_path", "automatically_created")) == [
        ("/en/programmes/family", True),
        ("/ky/programmalar/uy-bulo", True),
        ("/ru/programmy/semya", True),
    ]


def test_old_urls_of_the_previous_site_are_imported_with_wagtails_command(client, tmp_path, home_page):
    csv = tmp_path / "old-site.csv"
    csv.write_text(
        "from,to\n"
        "/o-fonde.php,https://sos-kyrgyzstan.org/ru/o-nas/\n"
        "/kg/biz-jonundo.html,https://sos-kyrgyzstan.org/ky/biz-zhonundo/\n",
        encoding="utf-8",
    )
    call_command("import_redirects", src=str(csv), verbosity=0)
    for old_url, new_url in [
        ("/o-fonde.php", "https://sos-kyrgyzstan.org/ru/o-nas/"),
        ("/kg/biz-jonundo.html", "https://sos-kyrgyzstan.org/ky/biz-zhonundo/"),
    ]:
        response = client.get(old_url)
        assert response.status_code == 301
        assert response["Location"] == new_url


def test_import_refuses_a_target_that_is_not_a_full_url(tmp_path, home_page, capsys):
    csv = tmp_path / "old-site.csv"
    csv.write_text("from,to\n/o-fonde.php,/ru/o-nas/\n", encoding="utf-8")
    call_command("import_redirects", src=str(csv))
    assert "Errors: 1" in capsys.readouterr().out
    assert not Redirect.objects.filter(old_path="/o-fonde.php").exists()
