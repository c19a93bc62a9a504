from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from staff import two_factor


class Command(BaseCommand):
    help = (
        "Remove a staff member's two-factor devices (authenticator app and backup codes), e.g. after a lost "
        "phone. At the next sign-in they set up a new app (required roles) or sign in with the password only."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The username of the account whose devices are removed.")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"No user named {username!r}.") from error
        removed = two_factor.remove_devices(user)
        if removed:
            self.stdout.write(self.style.SUCCESS(f"Removed the two-factor devices of {username!r}."))
        else:
            self.stdout.write(f"{username!r} had no two-factor device.")
