from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEV_USERNAME = "admin"
DEV_PASSWORD = "sos-dev-admin"


class Command(BaseCommand):
    help = f"Create the development superuser {DEV_USERNAME!r} (password {DEV_PASSWORD!r}) once; DEBUG only."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a superuser with a known password when DEBUG is off.")
        User = get_user_model()
        if User.objects.filter(username=DEV_USERNAME).exists():
            self.stdout.write(f"Development superuser {DEV_USERNAME!r} already exists.")
            return
        User.objects.create_superuser(DEV_USERNAME, "admin@example.org", DEV_PASSWORD)
        self.stdout.write(self.style.SUCCESS(f"Created superuser {DEV_USERNAME!r} with password {DEV_PASSWORD!r}."))
