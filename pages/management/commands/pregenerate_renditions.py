from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from pages.templatetags.image_tags import all_specs


def shown_on_website():
    """The photo-consent rule (pages.consent) when present: no rendition is made of a photo that may not be shown."""
    if find_spec("pages.consent") is None:
        return lambda image: True
    return getattr(import_module("pages.consent"), "is_shown_on_website", lambda image: True)


class Command(BaseCommand):
    help = (
        "Make, ahead of time, every image rendition the templates use (each preset of "
        "pages/templatetags/image_tags.py, in the original format and WebP, and the social sharing image), "
        "so no visitor waits for an image to be resized. Existing renditions are kept; run it after deploys "
        "that change the presets, or from cron after editors upload images."
    )

    def add_arguments(self, parser):
        parser.add_argument("--image", type=int, action="append", dest="image_ids", help="Only this image id.")

    def handle(self, *args, image_ids=None, **options):
        specs = all_specs()
        images = get_image_model().objects.order_by("pk")
        if image_ids:
            images = images.filter(pk__in=image_ids)
        made = failed = skipped = 0
        may_show = shown_on_website()
        for image in images.iterator():
            if not may_show(image):
                skipped += 1
                continue
            try:
                renditions = image.get_renditions(*specs)
            except Exception as error:  # noqa: BLE001 - a missing or broken file must not stop the others
                failed += 1
                self.stderr.write(f"Image {image.pk} ({image.title}): {error}")
                continue
            made += len(renditions)
        self.stdout.write(
            self.style.SUCCESS(
                f"{made} renditions ready ({len(specs)} per image); {skipped} images skipped (no consent to show "
                f"them); {failed} images failed."
            )
        )
