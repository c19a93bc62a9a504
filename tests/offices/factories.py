"""Factories for office pages; pass ``parent`` (the office list) to place them in the tree."""

from decimal import Decimal

import factory
import wagtail_factories

from offices.models import OfficeKind, OfficePage, Region


class OfficePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = OfficePage

    title_ru = factory.Sequence(lambda n: f"Офис {n}")
    title_ky = factory.Sequence(lambda n: f"Кеңсе {n}")
    title_en = factory.Sequence(lambda n: f"Office {n}")
    title = factory.SelfAttribute("title_ru")
    kind = OfficeKind.REGIONAL_OFFICE
    address_ru = "ул. Ленина, 1"
    address_ky = "Ленин көч., 1"
    address_en = "1 Lenin Street"
    city_ru = "Каракол"
    city_ky = "Каракол"
    city_en = "Karakol"
    postcode = "722200"
    region = Region.ISSYK_KUL
    phone = "+996 3922 51234"
    latitude = Decimal("42.49070")
    longitude = Decimal("78.39360")
