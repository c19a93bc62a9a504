"""Factories for pledges."""

import uuid
from decimal import Decimal

import factory

from donations.models import Pledge
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
