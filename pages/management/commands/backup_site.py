from django.core.management.base import BaseCommand, CommandError

from pages import backup

WATCHED = {
    "donations_pledge": "pledges",
    "donations_payment": "payments",
    "safeguarding_concernreport": "concern reports",
    "wagtailcore_page": "pages",
}


def summary(manifest):
    rows = manifest["fingerprint"]
    counts = ", ".join(f"{rows[table][0]} {words}" for table, words in WATCHED.items() if table in rows)
    return f"{counts}; {len(manifest['media'])} media files"


class Command(BaseCommand):
    help = (
        "Write a backup archive (database dump + every uploaded file, with checksums) into FOLDER; "
        'safe to run from cron while the site is serving (README "Operations").'
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="where to write sos-backup-<UTC time>.tar")
        parser.add_argument("--database", default="default", help="database alias (default: default)")

    def handle(self, *args, folder, database, **options):
        try:
            path, manifest = backup.backup(folder, using=database)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written: {path} ({manifest['engine']}; {summary(manifest)})")
