from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from pages.tasks import make_renditions
from pages.templatetags.image_tags import all_specs


class Command(BaseCommand):
    help = (
        "Make, ahead of time, every image rendition the templates use (each preset of "
        "pages/templatetags/image_tags.py, in the original format and WebP, and the social sharing image), "
        "so no visitor waits for an image to be resized. Existing renditions are kept. Uploads and publishing "
        "already queue this per image (pages/tasks.py); run it after deploys that change the presets."
    )

    def add_arguments(self, parser):
        parser.add_argument("--image", type=int, action="append", dest="image_ids", help="Only this image id.")

    def handle(self, *args, image_ids=None, **options):
        specs = all_specs()
        images = get_image_model().objects.order_by("pk")
        if image_ids:
            images = images.filter(pk__in=image_ids)
        made = failed = skipped = 0
        for image in images.iterator():
            try:
                count = make_renditions(image)
            except Exception as error:  # noqa: BLE001 - a missing or broken file must not stop the others
                failed += 1
                self.stderr.write(f"Image {image.pk} ({image.title}): {error}")
                continue
            if count:
                made += count
            else:
                skipped += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"{made} renditions ready ({len(specs)} per image); {skipped} images skipped (no consent to show "
                f"them); {failed} images failed."
            )
        )
