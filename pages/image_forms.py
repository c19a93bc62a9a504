"""The image form of the admin (``WAGTAILIMAGES_IMAGE_FORM_BASE``): fields that say what they are for.

- Wagtail's ``description`` is the image's alternative text: it is labelled so, per language.
- The photo-consent fields tell the editor which of them matter only for photos of children.
- The multiple-upload step validates a form built from only a title and a collection. Wagtail saves the
  image at once when that form is valid, and otherwise keeps the file as an ``UploadedFile`` that is lost
  if the editor leaves the page after "Upload successful". So at that step the question "shows children"
  may stay unanswered: the image is saved, listed as unanswered, and no page using it can be published
  until someone answers (``pages.consent``); every later form requires the answer.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm

ALT_TEXT_HELP = _(
    "Alternative text: what the photo shows, for people who cannot see it (screen readers) and when it does "
    "not load. One short sentence, without “photo of”. Leave empty only for a purely decorative image."
)
CONSENT_ONLY_FOR_CHILDREN = _("Only for photos of children; leave as it is for other photos.")

# Fields the upload step of the multiple-upload view fills (see the module docstring).
UPLOAD_STEP_FIELDS = {"title", "collection"}


class SiteImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.relabel(f"description_{code}", _("Alt text (%(language)s)") % {"language": name}, ALT_TEXT_HELP)
            self.relabel(f"caption_{code}", _("Caption (%(language)s)") % {"language": name})
        for name in ("consent_reference", "consent_expires", "consent_website", "consent_social", "consent_print"):
            field = self.fields.get(name)
            if field is not None:
                field.help_text = f"{field.help_text} {CONSENT_ONLY_FOR_CHILDREN}".strip()
        if self.is_upload_step():
            for name in ("shows_children", "consent_status"):  # left out: unanswered, and the model's default
                if name in self.fields:
                    self.fields[name].required = False

    def relabel(self, name, label, help_text=None):
        field = self.fields.get(name)
        if field is not None:
            field.label = label
            if help_text is not None:
                field.help_text = help_text

    def is_upload_step(self):
        """The multiple-upload view's first form: built from a plain dict, never from a request's QueryDict."""
        return self.is_bound and type(self.data) is dict and set(self.data) <= UPLOAD_STEP_FIELDS

    def clean_shows_children(self):
        value = self.cleaned_data.get("shows_children")
        if value in ("", None) and not self.fields["shows_children"].required:
            return None
        return value
