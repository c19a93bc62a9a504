from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class SiteImage(AbstractImage):
    """The site's image: alt text (Wagtail's description) and caption per language, and a credit.

    The safeguarding work adds photo consent fields here.
    """

    caption = models.CharField(_("caption"), max_length=255, blank=True)
    credit = models.CharField(
        _("photo credit"), max_length=255, blank=True, help_text=_("Photographer or source, shown under the photo.")
    )

    admin_form_fields = (
        *Image.admin_form_fields[:2],
        "description_ru",
        "description_ky",
        "description_en",
        "caption_ru",
        "caption_ky",
        "caption_en",
        "credit",
        *Image.admin_form_fields[3:],
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    @property
    def default_alt_text(self):
        """Alt text in the visitor's language (with fallback); never the file's title."""
        return self.description or ""


class SiteRendition(AbstractRendition):
    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
