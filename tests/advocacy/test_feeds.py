"""The research report index publishes an RSS and an Atom feed per language, as valid XML with the right items."""

import pytest
from lxml import etree

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_of(client, index, language, kind):
    response = client.get(f"{index.get_translated_urls()[language]}feed/{kind}/")
    assert response.status_code == 200
    return response, etree.fromstring(response.content)


def test_rss_feed_is_valid_xml_listing_reports_newest_first(client, report_index, make_report):
    make_report(title_en="Older report", publication_year=2013)
    make_report(title_en="Newer report", publication_year=2021)
    response, rss = feed_of(client, report_index, "en", "rss")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert rss.tag == "rss"
    assert [item.findtext("title") for item in rss.iter("item")] == ["Newer report", "Older report"]


def test_rss_feed_speaks_the_requested_language(client, report_index, make_report):
    make_report(title_ru="Отчёт о семьях", title_ky="Үй-бүлөлөр жөнүндө отчет", title_en="Report on families")
    for language, title in (("ru", "Отчёт о семьях"), ("ky", "Үй-бүлөлөр жөнүндө отчет"), ("en", "Report on families")):
        _response, rss = feed_of(client, report_index, language, "rss")
        assert rss.findtext("channel/language") == language
        assert [item.findtext("title") for item in rss.iter("item")] == [title]


def test_rss_item_links_to_the_report_in_the_feeds_language(client, report_index, make_report):
    report = make_report()
    _response, rss = feed_of(client, report_index, "ky", "rss")
    link = next(rss.iter("item")).findtext("link")
    assert link == f"http://testserver{report.get_translated_urls()['ky']}"


def test_rss_item_encloses_the_file_in_the_feeds_language_or_its_fallback(
    client, report_index, make_report, make_document
):
    report = make_report(file_ru=make_document(), file_en=make_document())
    _response, rss = feed_of(client, report_index, "en", "rss")
    assert next(rss.iter("enclosure")).get("url") == f"http://testserver{report.file_en.url}"
    _response, rss = feed_of(client, report_index, "ky", "rss")
    enclosure = next(rss.iter("enclosure"))
    assert enclosure.get("url") == f"http://testserver{report.file_ru.url}"
    assert enclosure.get("type") == "application/pdf"


def test_atom_feed_is_valid_xml_with_the_reports(client, report_index, make_report):
    make_report(title_en="Atom report")
    response, atom = feed_of(client, report_index, "en", "atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom.tag == f"{ATOM}feed"
    assert [entry.findtext(f"{ATOM}title") for entry in atom.iter(f"{ATOM}entry")] == ["Atom report"]


def test_unpublished_report_is_not_in_the_feed(client, report_index, make_report):
    make_report(title_en="Withdrawn").unpublish()
    _response, rss = feed_of(client, report_index, "en", "rss")
    assert list(rss.iter("item")) == []


def test_report_index_head_advertises_both_feeds(client, report_index):
    html = client.get(report_index.get_translated_urls()["ru"]).content.decode()
    head = html.split("</head>")[0]
    url = report_index.get_translated_urls()["ru"]
    assert f'type="application/rss+xml" title="Тестовые отчёты (RSS)" href="{url}feed/rss/"' in head
    assert f'href="{url}feed/atom/"' in head


def test_private_report_is_not_in_the_feeds_or_the_listing(client, report_index, make_report):
    from wagtail.models import PageViewRestriction

    make_report(title_en="Public report")
    private = make_report(title_en="Private report")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    for kind in ("rss", "atom"):
        response, _feed = feed_of(client, report_index, "en", kind)
        assert b"Public report" in response.content
        assert b"Private report" not in response.content
    listing = client.get(report_index.get_translated_urls()["en"]).content.decode()
    assert "Public report" in listing
    assert "Private report" not in listing
