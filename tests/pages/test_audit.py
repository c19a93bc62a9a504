"""The shared audit helpers write Wagtail log entries with translated labels."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from pages import audit
from safeguarding.models import ConcernReport
from tests.safeguarding.factories import ConcernReportFactory

pytestmark = pytest.mark.django_db


def test_an_export_writes_one_entry_per_record_in_one_insert(django_assert_num_queries, superuser):
    ConcernReportFactory.create_batch(3)
    reports = list(ConcernReport.objects.all())
    ContentType.objects.clear_cache()
    with django_assert_num_queries(3):  # the content type, the reports, one insert
        assert audit.record_many(ConcernReport.objects.all(), audit.EXPORTED, superuser) == 3
    logged = ModelLogEntry.objects.filter(action=audit.EXPORTED).values_list("object_id", flat=True)
    assert sorted(logged) == sorted(str(report.pk) for report in reports)


@pytest.mark.parametrize(
    ("action", "label"),
    [(audit.VIEWED, "Просмотр"), (audit.EXPORTED, "Выгрузка"), (audit.STATUS_CHANGED, "Изменение статуса")],
)
def test_actions_have_russian_labels(action, label):
    assert registry.action_exists(action)  # registered by our hook (this also makes Wagtail read the hooks)
    with translation.override("ru"):
        assert str(registry.get_action_label(action)) == label
