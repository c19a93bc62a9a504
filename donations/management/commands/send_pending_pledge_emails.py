from django.core.management.base import BaseCommand

from donations.services import send_pending_emails


class Command(BaseCommand):
    help = (
        "Send, directly, the confirmation e-mails of pledges whose e-mail is still pending (the task worker or "
        "the database was down, or a process stopped mid-send). The task worker retries failures by itself; "
        "run this after an outage. Each e-mail is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=200, help="At most this many e-mails per run (200).")

    def handle(self, *args, limit, **options):
        sent, pending = send_pending_emails(limit=limit)
        self.stdout.write(f"Sent {sent} confirmation e-mail(s); {pending} still pending.")
