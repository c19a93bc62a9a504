from django.core.management.base import BaseCommand

from donations.services import send_pending_emails


class Command(BaseCommand):
    help = (
        "Send the confirmation e-mails of pledges whose e-mail is still pending (the mail server failed, or "
        "the process stopped mid-send). Safe to run from cron every few minutes; each e-mail is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=200, help="At most this many e-mails per run (200).")

    def handle(self, *args, limit, **options):
        sent, pending = send_pending_emails(limit=limit)
        self.stdout.write(f"Sent {sent} confirmation e-mail(s); {pending} still pending.")
