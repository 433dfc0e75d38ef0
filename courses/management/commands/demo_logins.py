from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from courses.demo import DEMO_LOGINS, DEMO_PASSWORD


def demo_login_lines() -> list[str]:
    """The demo logins that exist in this database, one line each (seed_demo prints them too)."""
    existing = set(
        get_user_model()
        .objects.filter(username__in=[login.username for login in DEMO_LOGINS])
        .values_list("username", flat=True)
    )
    logins = [login for login in DEMO_LOGINS if login.username in existing]
    if not logins:
        return []
    return [f"Demo logins (password: {DEMO_PASSWORD}):"] + [
        f"  {login.username:<12} {login.description}" for login in logins
    ]


class Command(BaseCommand):
    help = "Print where the site runs and the demo logins `seed_demo` made (`make run` ends so)."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="The address the site is served at, printed first.")

    def handle(self, *args, **options):
        if options["url"]:
            self.stdout.write(
                self.style.SUCCESS(f"Vaksam is running at {options['url']}") + " (Ctrl-C stops it)."
            )
        lines = demo_login_lines()
        for line in lines or ["No demo logins in this database (`make seed` makes them)."]:
            self.stdout.write(line)
