"""manage.py create_scim_token NAME: a bearer token for a provisioning client, shown once."""

from django.core.management.base import BaseCommand, CommandError

from identity.models import ScimToken


class Command(BaseCommand):
    help = (
        "Create a bearer token for a SCIM client (Entra ID, say). The token is printed on the "
        "last line, once; only its SHA-256 digest is stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help='The client\'s name, e.g. "Entra ID".')

    def handle(self, *args, name, **options):
        name = name.strip()
        if not name:
            raise CommandError("Ange ett namn för token.")
        if ScimToken.objects.filter(name=name).exists():
            raise CommandError(
                f"Det finns redan en token som heter ”{name}”. Välj ett annat namn, eller "
                "återkalla den gamla i administrationen och skapa en ny med nytt namn."
            )
        record, token = ScimToken.issue(name)
        self.stdout.write(
            f"Token för ”{record.name}” skapad. Kopiera den nu; den visas inte igen. "
            "Ange den som Secret Token i Entra ID, med Tenant URL https://<värd>/scim/v2/."
        )
        self.stdout.write(token)
