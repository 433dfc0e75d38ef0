from html import unescape
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.html import strip_tags

from people.importing import apply_plan, plan_import
from people.tabular import UnreadableFile, check_size, read_table


class Command(BaseCommand):
    help = (
        "Import the personnel register (CSV or XLSX, Swedish headers). Re-importing the same "
        "file changes nothing; --full deactivates people missing from the file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Personnel file: anställningsnummer, förnamn, …")
        parser.add_argument("--units", help="Units file: kod, namn, typ, överordnad kod")
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")
        parser.add_argument("--full", action="store_true", help="The file is the whole register.")
        parser.add_argument(
            "--valid-only", action="store_true", help="Import the valid rows despite errors."
        )

    def _read(self, path: str):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Filen {path} finns inte.")
        try:
            check_size(file.stat().st_size)
            return read_table(file.name, file.read_bytes())
        except UnreadableFile as error:
            raise CommandError(f"{path}: {error}") from error

    def handle(self, *args, **options):
        units = self._read(options["units"]) if options["units"] else None
        plan = plan_import(self._read(options["file"]), units, full=options["full"])
        for error in plan.errors:
            self.stderr.write(
                f"{error.sheet} rad {error.row}: {unescape(strip_tags(error.message))}"
            )
        if plan.has_errors and not options["valid_only"]:
            raise CommandError(
                f"{len(plan.errors)} fel; inget importerades. Rätta filen, eller kör med "
                "--valid-only för att importera bara de giltiga raderna."
            )
        result = apply_plan(plan, valid_only=options["valid_only"], dry_run=options["dry_run"])
        prefix = "Provkörning, inget sparat: " if result.dry_run else ""
        self.stdout.write(
            f"{prefix}{result.created} nya, {result.updated} ändrade, {result.unchanged} "
            f"oförändrade, {result.deactivated} avaktiverade; enheter: {result.units_created} "
            f"nya, {result.units_updated} ändrade; {result.skipped_rows} rader hoppades över."
        )
