from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from pages import backup
from pages.management.commands.backup_site import summary


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files by those of a backup archive made by backup_site, then check "
        'every table and file against the archive; exits non-zero when anything differs (README "Operations").'
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a sos-backup-*.tar file")
        parser.add_argument("--database", default="default", help="database alias (default: default)")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, archive, database, interactive, **options):
        name = connections[database].settings_dict["NAME"]
        if interactive:
            answer = input(f"This replaces everything in the database {name} and the media storage. Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest, differences = backup.restore(archive, using=database)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        if differences:
            raise CommandError("Restored, but it does not match the archive:\n" + "\n".join(differences))
        self.stdout.write(
            f"Restored {archive} (made {manifest['created']}) into {name}: {summary(manifest)}; "
            f"all {len(manifest['fingerprint'])} tables and {len(manifest['media'])} files match the archive. "
            "Run `manage.py migrate` if this code is newer than the backup."
        )
