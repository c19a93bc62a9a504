from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TranslationState(models.Model):
    """One translatable object's completeness in one language, kept up to date when the object is saved.

    The translation report and the dashboard panel read these rows instead of recomputing every
    object's fields and revision history on every admin page view (pages/translation_status.py).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=255)
    language = models.CharField(_("language"), max_length=7)
    label = models.CharField(_("item"), max_length=255)
    section = models.CharField(_("section"), max_length=255, blank=True)
    edit_url = models.CharField(max_length=255, blank=True)
    missing = models.JSONField(_("missing fields"), default=list, blank=True)
    stale = models.JSONField(_("stale fields"), default=list, blank=True)
    expected = models.PositiveIntegerField(default=0)
    complete = models.PositiveIntegerField(default=0)
    has_gaps = models.BooleanField(default=False, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("translation state")
        verbose_name_plural = _("translation states")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "language"], name="unique_translation_state")
        ]
        indexes = [models.Index(fields=["language", "section"], name="pages_translation_lang_idx")]

    def __str__(self):
        return f"{self.label} [{self.language}]"
