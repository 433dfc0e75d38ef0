import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reports import dataset


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\N{NO-BREAK SPACE}")


class Command(BaseCommand):
    help = (
        "Build a synthetic organisation of N employees with three years of history, for "
        "benchmarks. The same N and seed give the same data on the same day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=1000, help="Number of employees.")
        parser.add_argument("--seed", type=int, default=1, help="Seed for the random data.")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="First delete data generated earlier (and only that).",
        )
        parser.add_argument(
            "--password",
            help="Password for every generated account. Without it they cannot log in.",
        )

    def handle(self, *args, **options):
        employees = options["employees"]
        if employees < dataset.MIN_EMPLOYEES:
            raise CommandError(f"Ange minst {dataset.MIN_EMPLOYEES} anställda.")
        started = time.perf_counter()
        removed = 0
        # One transaction: a failed run leaves the database as it was, earlier data included.
        with transaction.atomic():
            if options["reset"]:
                try:
                    removed = dataset.delete_generated_data()
                except dataset.GeneratedDataInUse as error:
                    raise CommandError(
                        f"De genererade uppgifterna kan inte tas bort: {error} hänvisar till dem."
                    ) from error
            elif dataset.has_generated_data():
                raise CommandError(
                    "Databasen innehåller redan genererade data. Kör kommandot med --reset "
                    "för att ta bort dem och generera nya."
                )
            result = dataset.generate(
                employees=employees, seed=options["seed"], password=options["password"]
            )
        dataset.analyze()
        seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
        counts = {key: _number(value) for key, value in result.counts.items()}
        replaced = f" (ersatte {_number(removed)} tidigare genererade)" if options["reset"] else ""
        self.stdout.write(
            f"Genererade {counts['employees']} anställda{replaced}, {counts['units']} enheter, "
            f"{counts['roles']} roller, {counts['courses']} kurser med {counts['modules']} "
            f"moduler, {counts['attempts']} provförsök, {counts['answers']} svar, "
            f"{counts['module_completions']} klara moduler, {counts['course_completions']} "
            f"genomförda kurser, {counts['sessions']} kurstillfällen, {counts['bookings']} "
            f"bokningar, {counts['attendances']} närvaroregistreringar och "
            f"{counts['compliance']} statusrader på {seconds} s."
        )
