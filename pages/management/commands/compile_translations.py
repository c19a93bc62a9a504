from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

SKIPPED_DIRS = {".venv", "node_modules", ".git"}


class Command(BaseCommand):
    help = (
        "Compile every .po file of the project (locale/ and each app's locale/) into .mo. "
        "Pure Python, so a fresh machine needs no GNU gettext; .mo files are build output, not committed."
    )

    def handle(self, *args, **options):
        base = Path(settings.BASE_DIR)
        count = 0
        for po_path in sorted(base.rglob("locale/*/LC_MESSAGES/*.po")):
            if SKIPPED_DIRS.intersection(po_path.relative_to(base).parts):
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            count += 1
        self.stdout.write(f"Compiled {count} translation files.")
