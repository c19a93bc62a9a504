from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from donations.models import Pledge


class Command(BaseCommand):
    help = (
        "Erase a donor on request: remove name, e-mail, phone and staff notes from every pledge made with this "
        "e-mail address (any case, any status). Amounts and dates stay for the accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The donor's e-mail address.")
        parser.add_argument("--dry-run", action="store_true", help="Only list the references that would change.")

    def handle(self, *args, email, dry_run, **options):
        email = email.strip()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an e-mail address.") from error
        pledges = Pledge.objects.for_email(email)
        references = list(pledges.values_list("reference", flat=True))
        if not references:
            self.stdout.write("No pledge with this e-mail address.")
            return
        if dry_run:
            self.stdout.write(f"Would erase the donor from: {', '.join(references)}")
            return
        count = pledges.anonymise()
        self.stdout.write(self.style.SUCCESS(f"Erased the donor from {count} pledge(s): {', '.join(references)}"))
