"""Factories for pages and images; section apps add theirs in tests/<app>/factories.py."""

import factory
import wagtail_factories

from pages.models import SiteImage, StandardPage


class SiteImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = SiteImage

    description_ru = "Дети играют во дворе"
    description_ky = "Балдар короодо ойноп жатышат"
    description_en = "Children playing in the yard"


class StandardPageFactory(wagtail_factories.PageFactory):
    """A standard page with a title per language; pass ``parent`` to place it in the tree."""

    class Meta:
        model = StandardPage

    title_ru = factory.Sequence(lambda n: f"Страница {n}")
    title_ky = factory.Sequence(lambda n: f"Барак {n}")
    title_en = factory.Sequence(lambda n: f"Page {n}")
    title = factory.SelfAttribute("title_ru")
    introduction_ru = "Введение"
    introduction_ky = "Киришүү"
    introduction_en = "Introduction"
