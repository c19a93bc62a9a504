"""The home page shows the work: Kyrgyz work beside the worldwide figures, illustrated cards in a grid sized by
their number, the ways to help (money, and time from the settings) and "Help now" once at the top."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "heading", "fact"),
    [
        ("/ru/", "Наша работа в Кыргызстане", "С 2009 года — защита прав выпускников системы ухода."),
        ("/ky/", "Кыргызстандагы биздин иш", "2009-жылдан бери кам көрүү системасынын бүтүрүүчүлөрүнүн"),
        ("/en/", "Our work in Kyrgyzstan", "Since 2009, standing up for the rights of care leavers."),
    ],
)
def test_kyrgyz_work_is_shown_beside_the_worldwide_figures(client, path, heading, fact):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    work = html[html.index('<div class="work">') : html.index("sections-heading")]
    assert heading in work and fact in work
    assert "<dd>2100+</dd>" in work and "<dd>133</dd>" in work


def test_card_grid_is_told_its_number_of_listed_cards(client, home_page):
    html = client.get("/en/").content.decode()
    # About us, advocacy, offices and news (news/demo.py adds its card)
    assert 'class="card-grid card-grid--sections" data-count="4"' in html
    about = home_page.sections[0].value["page"]
    about.unpublish()
    response = client.get("/en/")
    assert response.status_code == 200
    assert 'class="card-grid card-grid--sections" data-count="3"' in response.content.decode()


def test_cards_without_a_photo_show_the_drawing_of_their_section(client):
    html = client.get("/en/").content.decode()
    drawings = re.findall(r'class="card__image card__image--drawing" src="/static/pages/img/cards/(\w+)\.svg"', html)
    assert drawings[:3] == ["family", "advocacy", "offices"]


def test_help_now_is_in_the_header_once_and_the_hero_leads_to_the_ways_to_help(client):
    html = client.get("/en/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    header = html[html.index("<header") : html.index("</header>")]
    assert header.count(">Help now</a>") == 1
    assert "Help now" not in main
    assert 'href="#ways-to-help">Ways to help</a>' in main


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/ru/", "Помочь можно не только деньгами."),
        ("/ky/", "Акча менен гана эмес, башка жол менен да жардам берсеңиз болот."),
        ("/en/", "Money is not the only way to help."),
    ],
)
def test_the_second_way_to_help_comes_from_the_settings_in_each_language(client, path, text):
    html = client.get(path).content.decode()
    ways = html[html.index('id="ways-to-help"') :]
    assert text in ways
    assert 'href="tel:+996312611546"' in ways  # no e-mail set: the head office's phone


def test_the_partnership_e_mail_replaces_the_phone_when_set(client, org_settings):
    org_settings.partnership_email = "volunteers@example.org"
    org_settings.save()
    ways = client.get("/en/").content.decode().split('id="ways-to-help"')[1]
    assert 'href="mailto:volunteers@example.org">Write to us</a>' in ways
    assert "tel:" not in ways.split("</section>")[0]


def test_the_second_way_to_help_is_hidden_when_its_text_is_empty(client, org_settings):
    for code in ("ru", "ky", "en"):
        setattr(org_settings, f"partnership_text_{code}", "")
    org_settings.save()
    html = client.get("/en/").content.decode()
    assert "Give your time or skills" not in html
    assert 'data-count="1"' in html.split('id="ways-to-help"')[1]
