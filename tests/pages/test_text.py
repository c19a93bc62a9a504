"""Invisible and bidirectional-control characters leave public text before any length check; NUL is a form error."""

import pytest
from django import forms

from pages.text import PlainTextField, visible_text

RLO = "\u202e"
ZWSP = "\u200b"


class NameForm(forms.Form):
    name = PlainTextField(min_length=3, max_length=10)


def test_visible_text_drops_zero_width_soft_hyphen_bom_and_bidi_controls():
    assert visible_text(f"\ufeffАй{ZWSP}гуль\u00ad{RLO}\u2066 ") == "Айгуль"


def test_twenty_zero_width_spaces_are_empty():
    form = NameForm(data={"name": ZWSP * 20})
    assert not form.is_valid()
    assert form.has_error("name", "required")


def test_length_limits_count_only_visible_characters():
    form = NameForm(data={"name": f"Ab{ZWSP * 5}"})
    assert not form.is_valid()
    assert "name" in form.errors
    assert NameForm(data={"name": f"Abc{ZWSP * 20}"}).is_valid()


def test_right_to_left_override_never_reaches_the_cleaned_value():
    form = NameForm(data={"name": f"{RLO}gnp.exe"})
    assert form.is_valid()
    assert form.cleaned_data["name"] == "gnp.exe"


def test_nul_byte_is_a_translated_form_error():
    form = NameForm(data={"name": "Ай\x00гуль"})
    assert not form.is_valid()
    assert form.errors["name"] == [
        "Это поле содержит символы, которые нельзя сохранить. Пожалуйста, введите текст заново."
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["fam\x00ily", f"{ZWSP}fam{ZWSP}ily{RLO}"])
def test_search_query_with_nul_or_invisible_characters_finds_the_page(client, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert "About us" in response.content.decode()
