from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.images import get_image_model

from pages import cache, consent


class Command(BaseCommand):
    help = (
        "Daily photo-consent check for moderators (run it from cron shortly after midnight). Deletes the "
        "renditions of every image that may no longer be shown (consent expired, withdrawn or missing) so their "
        "/media/images/ URLs stop answering, purges the page cache if anything changed, and lists: what changed, "
        "consents ending soon, and the pages that use each of those images. Exit status 0 in every case."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=consent.EXPIRY_WARNING_DAYS,
            help="List consents that end within this many days (default %(default)s).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report only; delete nothing.")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the report (default %(default)s).",
        )

    def handle(self, *args, days, dry_run, language, **options):
        with translation.override(language):
            self.report(days=days, dry_run=dry_run)

    def report(self, *, days, dry_run):
        today = consent.today()
        images = get_image_model().objects.order_by("pk")
        hidden = list(images.filter(consent.state_filter("hidden")).prefetch_related("renditions"))
        newly_hidden = [image for image in hidden if image.renditions.all()]
        expiring = [
            image for image in images.filter(consent.state_filter("valid")) if consent.expires_soon(image, today, days)
        ]
        unanswered = list(images.filter(consent.state_filter(consent.ConsentState.UNANSWERED)))

        self.stdout.write(_("Photo consent check, %(date)s") % {"date": date_format(today, "DATE_FORMAT")})
        deleted = 0
        self.section(_("Newly hidden from the site (renditions deleted)"), newly_hidden)
        if not dry_run:
            for image in newly_hidden:
                deleted += consent.withdraw_renditions(image)
            if newly_hidden:
                cache.purge("photo consent")
        for image in newly_hidden:
            self.describe(image, consent.reason(image, today))
        self.section(_("Consents ending within %(days)s days") % {"days": days}, expiring)
        for image in expiring:
            self.describe(
                image,
                _("consent ends on %(date)s (form %(reference)s)")
                % {"date": date_format(image.consent_expires, "DATE_FORMAT"), "reference": image.consent_reference},
            )
        still_used = [image for image in hidden if image not in newly_hidden and consent.pages_using(image).exists()]
        self.section(_("Hidden photos still placed on pages (shown there as a placeholder)"), still_used)
        for image in still_used:
            self.describe(image, consent.reason(image, today))
        self.section(_("Photos without an answer to “shows children”"), unanswered)
        for image in unanswered:
            self.describe(image, consent.reason(image, today))
        summary = _(
            "%(hidden)s hidden, %(new)s newly hidden, %(deleted)s renditions deleted, %(expiring)s ending soon."
        ) % {
            "hidden": len(hidden),
            "new": len(newly_hidden),
            "deleted": deleted,
            "expiring": len(expiring),
        }
        self.stdout.write(self.style.SUCCESS(summary))

    def section(self, title, images):
        self.stdout.write("")
        self.stdout.write(f"{title}: {len(images)}")

    def describe(self, image, why):
        self.stdout.write(f"  #{image.pk} «{image.title}»: {why}")
        pages = list(consent.pages_using(image))
        if not pages:
            self.stdout.write("    " + _("not used on any page"))
        for page in pages:
            status = pgettext("page status", "live") if page.live else pgettext("page status", "draft")
            self.stdout.write(f"    {_('used on')} «{page.title}» ({status}) {page.url_path}")
