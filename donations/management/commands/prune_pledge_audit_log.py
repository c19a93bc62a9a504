from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from donations import audit


class Command(BaseCommand):
    help = (
        "Delete the audit-log entries about pledges (who viewed, exported or changed them) older than DAYS. "
        "README gives the retention period (three years: --older-than 1095). Other log entries are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, required=True, metavar="DAYS", help="Age in days (≥ 1).")
        parser.add_argument("--dry-run", action="store_true", help="Only count the entries that would be deleted.")

    def handle(self, *args, older_than, dry_run, **options):
        if older_than < 1:
            raise CommandError("--older-than must be at least 1 day.")
        entries = audit.entries().filter(timestamp__lt=timezone.now() - timedelta(days=older_than))
        if dry_run:
            self.stdout.write(f"{entries.count()} audit-log entries would be deleted.")
            return
        count, _by_model = entries.delete()
        self.stdout.write(self.style.SUCCESS(f"Deleted {count} pledge audit-log entries older than {older_than} days."))
