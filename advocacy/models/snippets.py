"""Snippets shared by the section's pages: focus areas (for filtering) and key reference documents."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.search import index

from pages.slugs import transliterated_slug

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]


class FocusArea(index.Indexed, models.Model):
    """A theme of the advocacy work ("Care leavers", "Family-based care"); programmes and reports are tagged with it."""

    name = models.CharField(pgettext_lazy("focus area", "name"), max_length=120)
    slug = models.SlugField(
        _("address name"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Latin letters for filter links (?focus=…); made from the name if left empty."),
    )
    description = models.TextField(_("description"), blank=True, max_length=500)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Smaller numbers come first."))

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self):
        return self.name or self.slug

    def save(self, *args, **kwargs):
        if not self.slug:
            default_name = getattr(self, f"name_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}", "") or self.name
            self.slug = transliterated_slug(getattr(self, "name_en", "") or default_name)
        super().save(*args, **kwargs)


class KeyDocument(index.Indexed, models.Model):
    """A reference document the advocacy relies on, such as the UN Guidelines for the Alternative Care of Children."""

    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("short description"), blank=True, max_length=800)
    issuing_body = models.CharField(
        _("issued by"), max_length=255, blank=True, help_text=_("For example: UN General Assembly.")
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    link = models.URLField(_("link"), blank=True, help_text=_("The document's public page or file elsewhere."))
    document = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("file"),
        help_text=_("Upload the file here if it has no public page elsewhere."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Smaller numbers come first."))

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("issuing_body"),
        FieldPanel("year"),
        MultiFieldPanel([FieldPanel("link"), FieldPanel("document")], heading=_("Where to read it")),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["sort_order", "-year", "pk"]
        verbose_name = _("key document")
        verbose_name_plural = _("key documents")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not self.link and not self.document_id:
            raise ValidationError(_("Give a link or upload a file, so that visitors can read the document."))

    @property
    def url(self):
        """Where a visitor reads the document: the uploaded file first, else the link."""
        if self.document_id and self.document:
            return self.document.url
        return self.link
