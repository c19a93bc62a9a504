import factory

from safeguarding.models import ConcernReport


class ConcernReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConcernReport

    submission_key = factory.Sequence(lambda n: f"key-{n:06d}")
    name = "Айгуль"
    contact = "+996 555 000000"
    what_happened = "A boy near the bus stop is often left alone at night and looks hungry."
    where = "Bishkek, near the market"
    when = "Last week"
    child_at_risk = ConcernReport.AtRisk.NOT_SURE
    language = "ru"
