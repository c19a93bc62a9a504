"""Fundraising campaigns: a goal and dates for a page that pledges can support."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel

from .settings import CURRENCIES, CURRENCY_NAMES


class CampaignQuerySet(models.QuerySet):
    def current(self, day=None):
        """Campaigns running on ``day`` (today by default): started, and not yet ended."""
        day = day or timezone.localdate()
        return self.filter(starts_on__lte=day).filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day))


class Campaign(models.Model):
    """A goal for one designation page; its public page shows how much of the goal has been received."""

    title = models.CharField(_("title"), max_length=200, help_text=_("Shown above the progress bar."))
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
        help_text=_(
            "The programme or village the campaign raises money for; offer it as a designation on the donate page."
        ),
    )
    goal_amount = models.DecimalField(_("goal"), max_digits=12, decimal_places=2, validators=[MinValueValidator(1)])
    goal_currency = models.CharField(
        _("currency of the goal"),
        max_length=3,
        choices=[(code, CURRENCY_NAMES[code]) for code in CURRENCIES],
        help_text=_("Only money received in this currency counts towards the goal."),
    )
    starts_on = models.DateField(_("starts on"), help_text=_("Payments received from this day count."))
    ends_on = models.DateField(_("ends on"), null=True, blank=True, help_text=_("Empty: no end date."))

    panels = [
        FieldPanel("title"),
        PageChooserPanel("page"),
        FieldRowPanel([FieldPanel("goal_amount"), FieldPanel("goal_currency")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The campaign must end on or after the day it starts.")})
