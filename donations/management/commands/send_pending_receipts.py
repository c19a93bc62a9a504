from django.core.management.base import BaseCommand

from donations.services import send_pending_receipts


class Command(BaseCommand):
    help = (
        "Send the receipts of payments whose receipt is still pending (the mail server failed, or the worker "
        "stopped mid-send). Safe to run from cron; each receipt is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=200, help="At most this many receipts per run (200).")

    def handle(self, *args, limit, **options):
        sent, pending = send_pending_receipts(limit=limit)
        self.stdout.write(f"Sent {sent} receipt(s); {pending} still pending.")
