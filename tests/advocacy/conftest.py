"""Fixtures of the advocacy tests: the demo section's pages and an empty report index to fill per test."""

import pytest

from advocacy.models import AdvocacyIndexPage, AdvocacyProgrammePage, ResearchReportIndexPage, ResearchReportPage
from tests.advocacy.factories import DocumentFactory, ResearchReportPageFactory


@pytest.fixture
def advocacy_index(db):
    return AdvocacyIndexPage.objects.get()


@pytest.fixture
def demo_report_index(advocacy_index):
    return ResearchReportIndexPage.objects.child_of(advocacy_index).get()


@pytest.fixture
def care_leavers_programme(db):
    return AdvocacyProgrammePage.objects.get(slug_en="rights-of-care-leavers")


@pytest.fixture
def russian_only_report(db):
    return ResearchReportPage.objects.get(slug_en="social-services-that-keep-families-together")


@pytest.fixture
def trilingual_report(db):
    return ResearchReportPage.objects.get(slug_en="the-situation-of-children-without-parental-care-in-kyrgyzstan")


@pytest.fixture
def report_index(advocacy_index):
    """A fresh, published report index with no reports, so a test controls every report in it."""
    index = ResearchReportIndexPage(
        title="Тестовые отчёты", title_ru="Тестовые отчёты", title_ky="Сыноо отчеттор", title_en="Test reports"
    )
    advocacy_index.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_report(report_index):
    """Create and publish a report in ``report_index``; keyword arguments go to the factory."""

    def make(parent=None, **kwargs):
        report = ResearchReportPageFactory(parent=parent or report_index, **kwargs)
        report.save_revision().publish()
        return report

    return make


@pytest.fixture
def make_document(db):
    return DocumentFactory
