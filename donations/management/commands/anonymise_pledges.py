from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from donations.models import Pledge


class Command(BaseCommand):
    help = (
        "Remove the donor's identity (name, e-mail, phone, staff notes) from pledges older than DAYS, keeping "
        "amount, currency, frequency, designation, status, language and dates for reports. Pledges still "
        "'confirmed' (an ongoing relationship, e.g. a monthly gift) are kept unless --include-confirmed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, required=True, metavar="DAYS", help="Age in days (≥ 1).")
        parser.add_argument(
            "--include-confirmed", action="store_true", help="Also anonymise pledges whose status is 'confirmed'."
        )
        parser.add_argument("--dry-run", action="store_true", help="Only count the pledges that would change.")

    def handle(self, *args, older_than, include_confirmed, dry_run, **options):
        if older_than < 1:
            raise CommandError("--older-than must be at least 1 day.")
        pledges = Pledge.objects.identifiable().filter(created_at__lt=timezone.now() - timedelta(days=older_than))
        if not include_confirmed:
            pledges = pledges.exclude(status=Pledge.Status.CONFIRMED)
        if dry_run:
            self.stdout.write(f"{pledges.count()} pledge(s) would be anonymised.")
            return
        count = pledges.anonymise()
        self.stdout.write(self.style.SUCCESS(f"Anonymised {count} pledge(s) older than {older_than} days."))
