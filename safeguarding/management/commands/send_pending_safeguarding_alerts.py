from django.core.management.base import BaseCommand, CommandError

from safeguarding.services import send_pending_alerts


class Command(BaseCommand):
    help = (
        "Send, directly, the focal point's alerts of concern reports that were not delivered (still waiting, "
        "stuck mid-send, or given up after the last retry). Run it once the mail server or the task worker "
        "works again; each alert is sent once. Exits 1 when some are still undelivered."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=200, help="At most this many alerts per run (200).")

    def handle(self, *args, limit, **options):
        sent, unsent = send_pending_alerts(limit=limit)
        self.stdout.write(f"Sent {sent} safeguarding alert(s); {unsent} still undelivered.")
        if unsent:
            raise CommandError(f"{unsent} safeguarding alert(s) still undelivered.")
