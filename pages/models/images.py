from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_save
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image

from pages import consent

PLACEHOLDER_STATIC_PATH = "pages/img/photo-placeholder.svg"


class YesNoField(models.BooleanField):
    """A yes/no question that must be answered: radio buttons with nothing chosen, never a pre-ticked "no"."""

    def formfield(self, **kwargs):
        return forms.TypedChoiceField(
            label=kwargs.get("label", self.verbose_name),
            help_text=self.help_text,
            required=True,
            choices=[(True, _("Yes")), (False, _("No"))],
            coerce=lambda value: value in (True, "True", "true", "1"),
            widget=forms.RadioSelect,
            error_messages={"required": _("Please answer this question.")},
        )


class PhotoConsent(models.Model):
    """Photo consent as recorded on the paper form: the rules that read it are in ``pages.consent``."""

    class ConsentStatus(models.TextChoices):
        NOT_NEEDED = "not_needed", _("Not needed")
        OBTAINED = "obtained", _("Obtained")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    shows_children = YesNoField(
        _("shows children"),
        null=True,
        help_text=_("Does this photo show a child or children? Photos of children are published only with consent."),
    )
    consent_status = models.CharField(
        _("consent"),
        max_length=20,
        choices=ConsentStatus.choices,
        default=ConsentStatus.NOT_NEEDED,
        help_text=_(
            "“Withdrawn” hides the photo everywhere at once. A photo of children with no consent is not shown."
        ),
    )
    consent_reference = models.CharField(
        _("consent form number"),
        max_length=100,
        blank=True,
        help_text=_("The number of the signed paper form (keep the form itself in the office, not here)."),
    )
    consent_expires = models.DateField(
        _("consent valid until"),
        null=True,
        blank=True,
        help_text=_("The last day the consent covers; from the next day the photo is hidden."),
    )
    consent_website = models.BooleanField(_("may be used on the website"), default=False)
    consent_social = models.BooleanField(_("may be used on social media"), default=False)
    consent_print = models.BooleanField(_("may be used in print"), default=False)

    consent_form_fields = (
        "shows_children",
        "consent_status",
        "consent_reference",
        "consent_expires",
        "consent_website",
        "consent_social",
        "consent_print",
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.shows_children and self.consent_status == self.ConsentStatus.OBTAINED:
            errors = {}
            if not self.consent_reference.strip():
                errors["consent_reference"] = _("Enter the number of the signed consent form.")
            if self.consent_expires is None:
                errors["consent_expires"] = _("Enter the last day the consent covers.")
            if not (self.consent_website or self.consent_social or self.consent_print):
                errors["consent_website"] = _("Tick at least one use the consent allows.")
            if errors:
                raise ValidationError(errors)

    @property
    def consent_state(self):
        return consent.consent_state(self)

    @property
    def consent_state_label(self):
        return consent.STATE_LABELS[self.consent_state]

    @property
    def is_shown_on_website(self):
        return consent.is_shown_on_website(self)


class SiteImage(PhotoConsent, AbstractImage):
    """The site's image: alt text (Wagtail's description) and caption per language, a credit, photo consent.

    An image the consent rules hide (``pages.consent``) never gets a rendition: ``get_rendition(s)`` hand back
    placeholders instead, whatever template asks.
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
        *PhotoConsent.consent_form_fields,
        *Image.admin_form_fields[3:],
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.title

    @property
    def default_alt_text(self):
        """Alt text in the visitor's language (with fallback); never the file's title."""
        return self.description or ""

    def get_rendition(self, filter):
        if not consent.is_shown_on_website(self):
            return self.placeholder_rendition(filter)
        return super().get_rendition(filter)

    def get_renditions(self, *filters):
        if not consent.is_shown_on_website(self):
            placeholders = (self.placeholder_rendition(filter) for filter in filters)
            return {rendition.filter_spec: rendition for rendition in placeholders}
        return super().get_renditions(*filters)

    def placeholder_rendition(self, filter):
        """An unsaved rendition of the size ``filter`` would give, showing the neutral placeholder image."""
        if isinstance(filter, str):
            filter = Filter(spec=filter)
        try:
            width, height = filter.get_transform(self).size
        except Exception:  # noqa: BLE001 -- a size is only a layout hint; never fail a page over it
            width, height = self.width or 0, self.height or 0
        rendition = SiteRendition(image=self, filter_spec=filter.spec, width=width, height=height)
        rendition.is_placeholder = True
        return rendition


class SiteRendition(AbstractRendition):
    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    is_placeholder = False

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    @property
    def url(self):
        if self.is_placeholder:
            return static(PLACEHOLDER_STATIC_PATH)
        return super().url


def withdraw_renditions_of_hidden_image(sender, instance, raw=False, **kwargs):
    """As soon as an image may no longer be shown (consent withdrawn, missing, …), its renditions go."""
    if not raw and not consent.is_shown_on_website(instance):
        consent.withdraw_renditions(instance)


post_save.connect(withdraw_renditions_of_hidden_image, sender=SiteImage, dispatch_uid="pages_consent_renditions")
