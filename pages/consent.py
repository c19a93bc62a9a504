"""Photo consent rules: may an image appear on the public website today, and which pages use it.

An image that shows children may be shown on the website only with a recorded, unexpired consent that covers
the website. A withdrawn consent hides any image. Everything here reads the image's own fields (no query),
except ``pages_using`` and ``blocked_images_on``, which read Wagtail's reference index.

Where the rules act:

- ``SiteImage.get_rendition(s)`` returns a placeholder (an unsaved rendition pointing at a static SVG) for a
  blocked image, in every template of every app, so no rendition file is made for it;
- ``withdraw_renditions`` deletes a blocked image's rendition rows *and files*: called when the image is saved
  (``pages.signal_handlers``) and by the daily ``manage.py check_image_consent``, which catches consents that
  expired overnight. Once the files are gone, ``/media/images/…`` answers 404;
- the admin refuses to publish a page that uses a blocked image (``pages.wagtail_hooks``).

Images made in code or before the consent fields existed have no answer to "shows children" (``None``): the
admin forms require one, publishing a page that uses such an image is refused until someone answers, and
``check_image_consent`` lists them; they are rendered (they are not known to show children).
"""

import datetime
import enum

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How far ahead the admin and the daily command warn about consents that are about to end.
EXPIRY_WARNING_DAYS = 30


class ConsentState(enum.StrEnum):
    NO_CHILDREN = "no_children"  # does not show children, no withdrawn consent
    UNANSWERED = "unanswered"  # nobody has said whether it shows children
    VALID = "valid"  # shows children, consent recorded, covers the website, not expired
    MISSING = "missing"  # shows children, no consent recorded
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    NOT_FOR_WEBSITE = "not_for_website"  # consent recorded, but not for use on the website


STATE_LABELS = {
    ConsentState.NO_CHILDREN: _("Does not show children"),
    ConsentState.UNANSWERED: _("Not answered whether it shows children"),
    ConsentState.VALID: _("Consent valid"),
    ConsentState.MISSING: _("Consent missing"),
    ConsentState.EXPIRED: _("Consent expired"),
    ConsentState.WITHDRAWN: _("Consent withdrawn"),
    ConsentState.NOT_FOR_WEBSITE: _("Consent does not cover the website"),
}

# Why an image may not be published, in the editor's language (the admin's active language).
REASONS = {
    ConsentState.UNANSWERED: _("nobody has said whether this photo shows children; answer it in the image's settings"),
    ConsentState.MISSING: _("it shows children and no consent is recorded"),
    ConsentState.EXPIRED: _("it shows children and the consent ended on %(date)s"),
    ConsentState.WITHDRAWN: _("the consent for this photo was withdrawn"),
    ConsentState.NOT_FOR_WEBSITE: _("it shows children and the consent does not cover use on the website"),
}

# States in which an image is never shown on the public site (its renditions are deleted).
HIDDEN_STATES = frozenset(
    {ConsentState.MISSING, ConsentState.EXPIRED, ConsentState.WITHDRAWN, ConsentState.NOT_FOR_WEBSITE}
)
# States in which a page using the image may not be published from the admin.
UNPUBLISHABLE_STATES = HIDDEN_STATES | {ConsentState.UNANSWERED}


def today():
    """Today's date where the organisation works (TIME_ZONE): consents end at local midnight."""
    return timezone.localdate()


def consent_state(image, on=None):
    """The ConsentState of ``image`` on the date ``on`` (today by default)."""
    on = on or today()
    if image.consent_status == "withdrawn":
        return ConsentState.WITHDRAWN
    if image.shows_children is None:
        return ConsentState.UNANSWERED
    if not image.shows_children:
        return ConsentState.NO_CHILDREN
    if image.consent_status != "obtained":
        return ConsentState.MISSING
    if image.consent_expires is not None and image.consent_expires < on:
        return ConsentState.EXPIRED
    if not image.consent_website:
        return ConsentState.NOT_FOR_WEBSITE
    return ConsentState.VALID


def is_shown_on_website(image, on=None):
    """May the public site show this image (make and serve its renditions) today?"""
    return consent_state(image, on) not in HIDDEN_STATES


def is_publishable(image, on=None):
    """May a page using this image be published from the admin today? Stricter: an answer is required."""
    return consent_state(image, on) not in UNPUBLISHABLE_STATES


def reason(image, on=None):
    """Why the image may not be published, translated; empty when it may."""
    state = consent_state(image, on)
    if state not in UNPUBLISHABLE_STATES:
        return ""
    text = REASONS[state]
    if state == ConsentState.EXPIRED:
        from django.utils.formats import date_format

        return text % {"date": date_format(image.consent_expires, "DATE_FORMAT")}
    return str(text)


def expires_soon(image, on=None, days=EXPIRY_WARNING_DAYS):
    """A valid consent that ends within ``days`` days."""
    on = on or today()
    return (
        consent_state(image, on) == ConsentState.VALID
        and image.consent_expires is not None
        and image.consent_expires <= on + datetime.timedelta(days=days)
    )


def withdraw_renditions(image):
    """Delete every rendition of ``image``: rows, files and cached entries. Returns how many were deleted.

    The files are deleted at once rather than after the transaction commits (Wagtail's own clean-up), so the
    rendition URLs stop answering even if the surrounding transaction is rolled back: a photo that may not be
    shown is better lost as a rendition (it can be made again from the original) than left public.
    """
    renditions = list(image.renditions.all())
    for rendition in renditions:
        name = rendition.file.name
        rendition.delete()  # Wagtail's post_delete handlers also drop it from the renditions cache
        if name and rendition.file.storage.exists(name):
            rendition.file.storage.delete(name)
    return len(renditions)


def images_used_by(obj):
    """The images a page (or any model instance, unsaved edits included) refers to, in the order found.

    Uses the reference index's own extraction, so foreign keys, StreamField blocks in every language,
    rich text embeds and inline child objects are all covered.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.images import get_image_model
    from wagtail.models import ReferenceIndex

    image_model = get_image_model()
    image_type = ContentType.objects.get_for_model(image_model)
    ids = []
    for content_type_id, object_id, _model_path, _content_path in ReferenceIndex._extract_references_from_object(obj):
        if content_type_id == image_type.pk and object_id not in ids:
            ids.append(object_id)
    if not ids:
        return []
    by_id = {str(image.pk): image for image in image_model.objects.filter(pk__in=ids)}
    return [by_id[object_id] for object_id in ids if object_id in by_id]


def blocked_images_on(obj, on=None):
    """[(image, reason)] for the images of ``obj`` that stop it from being published."""
    return [(image, reason(image, on)) for image in images_used_by(obj) if not is_publishable(image, on)]


def pages_using(image):
    """Pages whose saved content refers to ``image`` (from Wagtail's reference index), in tree order."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    page_ids = ReferenceIndex.get_references_to(image).filter(base_content_type=page_type).values("object_id")
    return Page.objects.filter(pk__in=[int(row["object_id"]) for row in page_ids]).order_by("path")


def state_filter(state, on=None):
    """A Q object matching images in ``state`` on date ``on``; ``"expiring"`` and ``"hidden"`` are also known."""
    from django.db.models import Q

    on = on or today()
    not_withdrawn = ~Q(consent_status="withdrawn")
    obtained = Q(shows_children=True, consent_status="obtained") & not_withdrawn
    current = Q(consent_expires__isnull=True) | Q(consent_expires__gte=on)
    filters = {
        ConsentState.WITHDRAWN: Q(consent_status="withdrawn"),
        ConsentState.UNANSWERED: Q(shows_children__isnull=True) & not_withdrawn,
        ConsentState.NO_CHILDREN: Q(shows_children=False) & not_withdrawn,
        ConsentState.MISSING: Q(shows_children=True) & ~Q(consent_status__in=["obtained", "withdrawn"]),
        ConsentState.EXPIRED: obtained & Q(consent_expires__lt=on),
        ConsentState.NOT_FOR_WEBSITE: obtained & current & Q(consent_website=False),
        ConsentState.VALID: obtained & current & Q(consent_website=True),
    }
    if state == "expiring":
        return filters[ConsentState.VALID] & Q(consent_expires__lte=on + datetime.timedelta(days=EXPIRY_WARNING_DAYS))
    if state == "hidden":
        combined = Q(pk__in=[])
        for hidden in HIDDEN_STATES:
            combined |= filters[hidden]
        return combined
    return filters[ConsentState(state)]
