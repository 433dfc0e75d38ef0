"""The personnel import: every kind of bad row, idempotence, full imports, file variants."""

from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from people.importing import apply_plan, plan_import
from people.models import Employee, OrgUnit
from people.tabular import read_table
from tests.factories import OrgUnitFactory, RoleFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "anställningsnummer;förnamn;efternamn;e-post;enhetskod;roller;chef för;"
    "anställningsdatum;slutdatum"
)


@pytest.fixture(autouse=True)
def register(db):
    RoleFactory(code="medarbetare", name="Medarbetare")
    RoleFactory(code="chef", name="Chef")
    top = OrgUnitFactory(code="sdf", kind="forvaltning")
    OrgUnitFactory(code="enh-1", parent=top)


def csv(*rows: str, encoding="utf-8") -> bytes:
    return "\r\n".join([HEADER, *rows]).encode(encoding)


def plan(data: bytes, name="personal.csv", units=None, full=False):
    units_table = read_table("enheter.csv", units) if units else None
    return plan_import(read_table(name, data), units_table, full=full)


GOOD = "A1;Åsa;Öberg;asa@example.org;enh-1;medarbetare, chef;enh-1;2024-01-15;"


def test_a_clean_file_creates_employees_users_roles_and_managed_units():
    result = apply_plan(plan(csv(GOOD, "A2;Bo;Ek;bo@example.org;enh-1;Medarbetare;;2023-05-01;")))
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    asa = Employee.objects.get(employee_number="A1")
    assert asa.full_name == "Åsa Öberg" and asa.user.email == "asa@example.org"
    assert asa.role_codes() == {"medarbetare", "chef"}
    assert [u.code for u in asa.manages.all()] == ["enh-1"]
    assert not asa.user.has_usable_password()


def test_reimporting_the_same_file_changes_nothing():
    data = csv(GOOD)
    apply_plan(plan(data))
    result = apply_plan(plan(data))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)


def test_changes_are_updated_in_place():
    apply_plan(plan(csv(GOOD)))
    result = apply_plan(plan(csv(GOOD.replace("medarbetare, chef;enh-1", "medarbetare;"))))
    assert result.updated == 1
    asa = Employee.objects.get(employee_number="A1")
    assert asa.role_codes() == {"medarbetare"} and not asa.manages.exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (";Bo;Ek;bo@example.org;enh-1;;;;", "Anställningsnummer saknas"),
        ("B1;Bo;Ek;inte-en-adress;enh-1;;;;", "ingen giltig e-postadress"),
        ("B1;Bo;Ek;bo@example.org;okänd;;;;", "Enheten okänd finns inte"),
        ("B1;Bo;Ek;bo@example.org;enh-1;trollkarl;;;", "Rollen ”trollkarl” finns inte"),
        ("B1;Bo;Ek;bo@example.org;enh-1;;;31/02/2024;", "är inte ett datum"),
        ("B1;Bo;Ek;bo@example.org;enh-1;;;2024-05-01;2024-01-01", "Slutdatum är före"),
        (
            "B1;Bo;Ek;bo@example.org;enh-1;;saknas;;",
            'i kolumnen ”<span lang="sv">chef för</span>” finns inte',
        ),
    ],
)
def test_each_bad_row_is_reported_with_its_row_number_in_swedish(row, message):
    result = plan(csv(GOOD, row))
    [error] = result.errors
    assert error.row == 3
    assert message in error.message


def test_a_duplicate_number_in_the_file_is_reported():
    [error] = plan(csv(GOOD, GOOD.replace("asa@", "asa2@"))).errors
    assert (error.row, "finns redan på rad 2" in error.message) == (3, True)


def test_a_run_with_errors_saves_nothing_unless_only_valid_rows_are_chosen():
    bad_plan = plan(csv(GOOD, "B1;Bo;Ek;fel;enh-1;;;;"))
    with pytest.raises(ValueError):
        apply_plan(bad_plan)
    assert not Employee.objects.exists()
    result = apply_plan(bad_plan, valid_only=True)
    assert result.created == 1 and result.skipped_rows == 1


def test_full_import_deactivates_people_missing_from_the_file_and_never_deletes():
    apply_plan(plan(csv(GOOD, "A2;Bo;Ek;bo@example.org;enh-1;;;2023-05-01;")))
    result = apply_plan(plan(csv(GOOD), full=True))
    assert result.deactivated == 1
    bo = Employee.objects.get(employee_number="A2")
    assert (bo.is_active, bo.user.is_active, bo.end_date is not None) == (False, False, True)
    assert Employee.objects.count() == 2


def test_an_import_of_only_new_hires_deactivates_nobody():
    """Without --full, a file with just this month's new hires adds them and leaves the
    register alone: people missing from it stay active."""
    apply_plan(plan(csv(GOOD, "A2;Bo;Ek;bo@example.org;enh-1;;;2023-05-01;")))
    result = apply_plan(plan(csv("A3;Cia;Ås;cia@example.org;enh-1;;;2026-02-01;")))
    assert (result.created, result.deactivated) == (1, 0)
    active = Employee.objects.filter(is_active=True)
    assert set(active.values_list("employee_number", flat=True)) == {"A1", "A2", "A3"}
    assert not Employee.objects.filter(end_date__isnull=False).exists()


def test_a_full_import_keeps_everyone_in_the_file_active():
    apply_plan(plan(csv(GOOD, "A2;Bo;Ek;bo@example.org;enh-1;;;2023-05-01;")))
    result = apply_plan(plan(csv(GOOD, "A2;Bo;Ek;bo@example.org;enh-1;;;2023-05-01;"), full=True))
    assert result.deactivated == 0
    assert Employee.objects.filter(is_active=True).count() == 2


def test_formula_like_cells_are_stored_as_plain_text():
    apply_plan(plan(csv("A1;=SUM(1+1);@Ek;asa@example.org;enh-1;;;;")))
    asa = Employee.objects.get(employee_number="A1")
    assert (asa.user.first_name, asa.user.last_name) == ("=SUM(1+1)", "@Ek")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_swedish_excel_csv_variants_are_read(encoding):
    result = apply_plan(plan(csv(GOOD, encoding=encoding)))
    assert result.created == 1
    assert Employee.objects.get().user.first_name == "Åsa"


def test_xlsx_with_real_dates_is_read():
    from datetime import datetime

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append(
        ["A1", "Åsa", "Öberg", "asa@example.org", "enh-1", "chef", "", datetime(2024, 1, 15), None]
    )
    buffer = BytesIO()
    workbook.save(buffer)
    apply_plan(plan(buffer.getvalue(), name="personal.xlsx"))
    assert str(Employee.objects.get().start_date) == "2024-01-15"


def test_units_file_builds_the_tree_and_catches_cycles():
    units = (
        "kod;namn;typ;överordnad kod\r\nny;Ny förvaltning;Förvaltning;sdf\r\nny-1;Ny enhet;enhet;ny"
    )
    result = apply_plan(
        plan(csv(GOOD.replace("enh-1;medarbetare", "ny-1;medarbetare")), units=units.encode())
    )
    assert result.units_created == 2
    assert OrgUnit.objects.get(code="ny-1").get_parent().code == "ny"

    cycle = "kod;namn;typ;överordnad kod\r\nx;X;enhet;y\r\ny;Y;enhet;x"
    errors = plan(csv(GOOD), units=cycle.encode()).errors
    assert any("cirkel" in error.message for error in errors)


def test_command_dry_run_reports_and_writes_nothing(tmp_path: Path, capsys):
    file = tmp_path / "personal.csv"
    file.write_bytes(csv(GOOD))
    call_command("import_employees", str(file), "--dry-run")
    assert "1 nya" in capsys.readouterr().out
    assert not Employee.objects.exists()
    call_command("import_employees", str(file))
    assert Employee.objects.count() == 1


def test_command_stops_on_errors_with_row_numbers(tmp_path: Path, capsys):
    file = tmp_path / "personal.csv"
    file.write_bytes(csv(GOOD, "B1;Bo;Ek;fel;enh-1;;;;"))
    with pytest.raises(CommandError, match="inget importerades"):
        call_command("import_employees", str(file))
    assert "Personal rad 3" in capsys.readouterr().err
    assert not Employee.objects.exists()


@pytest.fixture
def hr_client(client):
    from people.groups import ensure_groups
    from tests.factories import EmployeeFactory

    groups = ensure_groups()
    hr = EmployeeFactory(org_unit=OrgUnit.objects.get(code="enh-1"))
    hr.user.groups.add(groups["HR"])
    client.force_login(hr.user)
    return client


def _upload(client, data: bytes, **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        "/admin/personal/importera/",
        {"employees": SimpleUploadedFile("personal.csv", data), **extra},
    )


def test_hr_previews_an_upload_then_confirms_it(hr_client):
    response = _upload(hr_client, csv(GOOD, "B1;Bo;Ek;fel;enh-1;;;;"))
    content = response.content.decode()
    assert "inget är sparat ännu" in content
    assert "ingen giltig e-postadress" in content
    assert Employee.objects.filter(employee_number="A1").count() == 0
    token = response.context["tokens"]["employees"]

    refused = hr_client.post(
        "/admin/personal/importera/", {"confirm": "1", "employees": token}, follow=True
    )
    assert "importera bara de giltiga raderna" in refused.content.decode()
    assert not Employee.objects.filter(employee_number="A1").exists()

    done = hr_client.post(
        "/admin/personal/importera/",
        {"confirm": "1", "employees": token, "valid_only": "1"},
        follow=True,
    )
    assert (
        "Importen är klar. Nya anställda: 1, ändrade: 0, avaktiverade: 0, rader som hoppades "
        "över: 1." in done.content.decode()
    )
    assert Employee.objects.filter(employee_number="A1").exists()


def test_a_learner_cannot_import(client):
    from tests.factories import EmployeeFactory

    learner = EmployeeFactory(org_unit=OrgUnit.objects.get(code="enh-1"))
    client.force_login(learner.user)
    response = _upload(client, csv(GOOD))
    assert response.status_code in (302, 403)
    assert not Employee.objects.filter(employee_number="A1").exists()


def test_full_import_with_valid_rows_only_keeps_people_whose_rows_had_errors():
    apply_plan(plan(csv(GOOD, "A2;Bo;Ek;bo@example.org;enh-1;;;2023-05-01;")))
    bad_bo = "A2;Bo;Ek;inte-en-adress;enh-1;;;2023-05-01;"
    result = apply_plan(plan(csv(GOOD, bad_bo), full=True), valid_only=True)
    assert result.deactivated == 0
    assert Employee.objects.get(employee_number="A2").is_active


def test_a_file_without_the_required_columns_can_never_deactivate_anyone():
    apply_plan(plan(csv(GOOD)))
    broken = plan(b"namn;e-post\r\nBo;bo@example.org", full=True)
    assert broken.blocking
    with pytest.raises(ValueError):
        apply_plan(broken, valid_only=True)
    assert Employee.objects.get(employee_number="A1").is_active


def test_an_administrators_account_is_not_changed_by_a_file():
    apply_plan(plan(csv(GOOD)))
    admin = Employee.objects.get(employee_number="A1").user
    admin.is_superuser = True
    admin.save()
    [error] = plan(csv(GOOD.replace("asa@example.org", "attacker@example.org"))).errors
    assert "administratörsbehörighet" in error.message


def test_duplicate_emails_are_reported():
    errors = plan(csv(GOOD, "A2;Bo;Ek;asa@example.org;enh-1;;;;")).errors
    duplicate = [error for error in errors if "finns redan på rad 2" in error.message]
    # HR is sent to the second row, on the sheet the file's employees are read from.
    assert [(error.sheet, error.row) for error in duplicate] == [("Personal", 3)]


def test_a_unit_cannot_be_moved_below_its_own_descendant():
    units = "kod;namn;typ;överordnad kod\r\nsdf;Förvaltningen;förvaltning;enh-1"
    result = plan(csv(GOOD), units=units.encode())
    assert result.blocking
    assert any("egen underenhet" in error.message for error in result.errors)


def test_values_longer_than_their_column_get_a_row_error_not_a_failed_save():
    long_name = "Å" * 151
    errors = plan(csv(f"A1;{long_name};Öberg;asa@example.org;enh-1;;;;")).errors
    assert [e.message for e in errors] == ["Förnamn får vara högst 150 tecken."]
    errors = plan(csv(f"{'9' * 51};Åsa;Öberg;asa@example.org;enh-1;;;;")).errors
    assert [e.message for e in errors] == ["Anställningsnummer får vara högst 50 tecken."]


def test_a_unit_name_longer_than_its_column_gets_a_row_error():
    units = "kod;namn;typ;överordnad kod\r\nx;" + "N" * 201 + ";enhet;sdf"
    errors = plan(csv(GOOD), units=units.encode()).errors
    assert "Namn får vara högst 200 tecken." in [e.message for e in errors]


def test_the_import_does_not_reopen_an_account_an_administrator_closed():
    apply_plan(plan(csv(GOOD)))
    user = Employee.objects.get(employee_number="A1").user
    user.is_active = False
    user.save()
    apply_plan(plan(csv(GOOD.replace("Åsa", "Åsa-Lena"))))
    user.refresh_from_db()
    assert user.first_name == "Åsa-Lena" and not user.is_active


def test_someone_back_in_the_register_gets_their_account_back():
    apply_plan(plan(csv(GOOD, "A2;Bo;Ek;bo@example.org;enh-1;;;;")))
    apply_plan(plan(csv(GOOD), full=True))
    assert not Employee.objects.get(employee_number="A2").user.is_active
    apply_plan(plan(csv(GOOD, "A2;Bo;Ek;bo@example.org;enh-1;;;;")))
    returning = Employee.objects.get(employee_number="A2")
    assert returning.is_active and returning.user.is_active


# Every refusal with its sheet, row and wording, and the rows after it still read (issue 19).


def test_every_kind_of_bad_row_is_reported_exactly_and_the_rows_after_it_are_still_read():
    from django.utils import timezone

    from tests.factories import EmployeeFactory, UserFactory

    EmployeeFactory(employee_number="P1", user__is_superuser=True)
    EmployeeFactory(
        employee_number="X-ABC234", pseudonymised_at=timezone.now(), user=None, is_active=False
    )
    UserFactory(username="U1")  # an account that is not employee U1's
    EmployeeFactory(employee_number="O1", user__email="owner@example.org")
    rows = [
        GOOD,  # 2
        "P1;Per;Admin;per@example.org;enh-1;;;;",  # 3
        "A3;Cia;Ås;cia@example.org;enh-1;;;;",  # 4
        "X-ABC234;Ny;Person;ny@example.org;enh-1;;;;",  # 5
        "U1;Ulla;Us;ulla@example.org;enh-1;;;;",  # 6
        "A1;Åsa;Öberg;asa2@example.org;enh-1;;;;",  # 7
        ";Bo;Ek;bo@example.org;enh-1;;;;",  # 8
        "A4;Dan;Do;OWNER@example.org;enh-1;;;;",  # 9
        "A5;Eva;;eva@example.org;enh-1;;;;",  # 10: a first name alone is not enough
        f"A6;{'Å' * 151};Ek;a6@example.org;enh-1;;;;",  # 11
        "A7;Fia;Fe;fia@example.org;enh-1;;;2024-05-01;2024-04-30",  # 12: ends the day before
        "A8;Gun;Gu;gun@example.org;enh-1;;;2024-05-01;2024-05-01",  # 13: a one-day employment
        "A9;Hans;Ha;hans@example.org;enh-1;;;2024-05-01;2024-05-02",  # 14
        f"A10;{'Å' * 150};Ek;a10@example.org;enh-1;;;;",  # 15: exactly the column's length
    ]

    result = plan(csv(*rows))

    assert [(e.sheet, e.row, e.message) for e in result.errors] == [
        (
            "Personal",
            3,
            "Kontot har administratörsbehörighet och ändras inte av importen; ändra det för hand.",
        ),
        (
            "Personal",
            5,
            "Anställningsnumret X-ABC234 tillhör en person som har slutat och pseudonymiserats; "
            "använd personens riktiga anställningsnummer.",
        ),
        ("Personal", 6, "Användarnamnet U1 används redan av ett annat konto."),
        ("Personal", 7, "Anställningsnumret A1 finns redan på rad 2."),
        ("Personal", 8, "Anställningsnummer saknas."),
        ("Personal", 9, "E-postadressen används redan av en annan anställd."),
        ("Personal", 10, "För- och efternamn behövs."),
        ("Personal", 11, "Förnamn får vara högst 150 tecken."),
        ("Personal", 12, "Slutdatum är före anställningsdatum."),
    ]
    assert [row.employee_number for row in result.employees] == ["A1", "A3", "A8", "A9", "A10"]
    # A row with an error still says its person is in the register (a full import keeps them).
    assert result.numbers_in_file == {
        "A1", "P1", "A3", "X-ABC234", "U1", "A4", "A5", "A6", "A7", "A8", "A9", "A10",
    }  # fmt: skip
    assert not result.blocking


def test_every_kind_of_bad_unit_row_is_reported_exactly_and_blocks_the_import():
    units = "\r\n".join(
        [
            "kod;namn;typ;överordnad kod",
            "ny;Ny förvaltning;förvaltning;sdf",  # 2
            "ny;Igen;enhet;",  # 3
            ";Namnlös;enhet;sdf",  # 4
            "x1;;enhet;sdf",  # 5
            "x2;X2;slott;sdf",  # 6
            "x3;X3;enhet;saknas",  # 7
            f"{'k' * 51};K;enhet;sdf",  # 8
            "a;A;enhet;b",  # 9: below a circle, not in it
            "b;B;enhet;c",  # 10
            "c;C;enhet;b",  # 11
            "sdf;Förvaltningen;förvaltning;enh-1",  # 12: below its own descendant
            "z;Z;enhet;sdf",  # 13
        ]
    )

    result = plan(csv(GOOD), units=units.encode())

    circle = "Enheten {} ligger under sig själv (en cirkel av överordnade enheter)."
    assert [(e.sheet, e.row, e.message) for e in result.errors] == [
        ("Enheter", 3, "Enhetskoden ny finns redan på rad 2."),
        ("Enheter", 4, "Enhetskod saknas."),
        ("Enheter", 5, "Namn saknas för enheten x1."),
        (
            "Enheter",
            6,
            'Okänd typ ”slott”. Använd en av: <span lang="sv">kommun, nämnd, förvaltning, '
            "bolag, avdelning, enhet</span>.",
        ),
        ("Enheter", 8, "Kod får vara högst 50 tecken."),
        ("Enheter", 7, "Överordnad enhet saknas finns inte."),
        ("Enheter", 9, circle.format("a")),
        ("Enheter", 10, circle.format("b")),
        ("Enheter", 11, circle.format("c")),
        ("Enheter", 12, "Enheten sdf kan inte flyttas in under sin egen underenhet enh-1."),
    ]
    assert [row.code for row in result.units] == [
        "ny", "x1", "x2", "x3", "a", "b", "c", "sdf", "z",
    ]  # fmt: skip
    assert result.blocking


def test_a_units_file_without_its_columns_names_the_missing_one():
    [error] = plan(csv(GOOD), units=b"kod;namn\r\nny;Ny").errors
    assert (error.sheet, error.row) == ("Enheter", 1)
    assert error.message == 'Kolumner saknas: <span lang="sv">typ</span>'


def test_the_upload_form_lists_the_headings_in_swedish_apart_from_the_sentence(hr_client):
    """The headings are the file's data, the same in every language: marked lang="sv" and
    outside the translated sentence."""
    page = hr_client.get("/admin/personal/importera/").content.decode()
    assert (
        'Kolumner (rubriker på första raden): <span lang="sv">kod, namn, typ, överordnad kod</span>'
        in page
    )
    employees = (
        "anställningsnummer, förnamn, efternamn, e-post, enhetskod, roller, chef för, "
        "anställningsdatum, slutdatum"
    )
    assert f'<span lang="sv">{employees}</span>' in page
