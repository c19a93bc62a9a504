from django.core.management.base import BaseCommand

from donations import reminders


class Command(BaseCommand):
    help = (
        "Enqueue this month's reminder e-mail for every monthly pledge that has not had it. "
        "Run it daily from cron: a second run in the same month sends nothing."
    )

    def handle(self, *args, **options):
        count = reminders.enqueue_due()
        self.stdout.write(f"{count} monthly reminder(s) enqueued.")
