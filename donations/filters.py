"""Filters of the pledge list in the Wagtail admin; its CSV and XLSX exports use the same ones."""

import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Page

from donations.models import CURRENCIES, Pledge

MOST_NEEDED = "most-needed"


def designation_choices():
    ids = Pledge.objects.exclude(designation=None).values_list("designation_id", flat=True).distinct()
    pages = Page.objects.filter(pk__in=ids).order_by("title")
    return [(MOST_NEEDED, _("Where most needed"))] + [(str(page.pk), page.title) for page in pages]


class PledgeFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Pledge.Status.choices)
    currency = django_filters.ChoiceFilter(label=_("Currency"), choices=[(code, code) for code in CURRENCIES])
    frequency = django_filters.ChoiceFilter(label=_("Frequency"), choices=Pledge.Frequency.choices)
    designation = django_filters.ChoiceFilter(label=_("Designation"), choices=designation_choices, method="designate")
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)
    created_from = django_filters.DateFilter(
        label=pgettext_lazy("date range", "From"),
        field_name="created_at",
        lookup_expr="date__gte",
        widget=AdminDateInput,
    )
    created_to = django_filters.DateFilter(
        label=pgettext_lazy("date range", "To"), field_name="created_at", lookup_expr="date__lte", widget=AdminDateInput
    )

    class Meta:
        model = Pledge
        fields = []

    def designate(self, queryset, name, value):
        if value == MOST_NEEDED:
            return queryset.filter(designation__isnull=True, designation_title="")
        return queryset.filter(designation_id=value)
