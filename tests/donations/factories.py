"""Factories for pledges, bank accounts and campaigns."""

import uuid
from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from donations.models import BankAccount, Campaign, Pledge
from donations.models.pledges import new_reference


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    reference = factory.LazyFunction(new_reference)
    submission_key = factory.LazyFunction(lambda: uuid.uuid4().hex)
    amount = Decimal("1000.00")
    currency = "KGS"
    frequency = Pledge.Frequency.ONE_OFF
    donor_name = factory.Sequence(lambda n: f"Donor {n}")
    email = factory.Sequence(lambda n: f"donor{n}@example.org")
    consent_given = True
    consent_version = "1"
    language = "ru"
    email_status = Pledge.EmailStatus.SENT


class BankAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BankAccount
        django_get_or_create = ("currency",)

    currency = "KGS"
    recipient = "Тестовый получатель"
    recipient_en = "Test recipient"
    bank_name = "Тестовый банк"
    bank_name_ky = "Сыноо банкы"
    bank_name_en = "Test bank"
    account_number = factory.Sequence(lambda n: f"1{n:015d}")
    bic = "TESTKG22"
    payment_purpose = "Пожертвование {reference}"
    payment_purpose_ky = "Кайрымдуулук {reference}"
    payment_purpose_en = "Donation {reference}"


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    title = "Зима в тепле"
    title_ky = "Кыш жылуу"
    title_en = "A warm winter"
    goal_amount = Decimal("100000.00")
    goal_currency = "KGS"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    ends_on = None
