"""The demo organisation, people and course site, built in code so it survives upgrades.

Every function is idempotent: it creates what is missing and leaves what exists, so a
coordinator's edits to the demo content are never overwritten by a second run.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from content.models import AccessibilityStatementPage, HomePage, SiteSettings, StandardPage
from courses import demo_content
from courses.compliance import recompute_compliance
from courses.models import (
    AssignmentRule,
    CourseIndexPage,
    CoursePage,
    ModulePage,
    ModuleProgress,
)
from people import groups
from people.models import Employee, OrgUnit, Role

DEMO_ASSETS = Path(__file__).resolve().parent / "demo_assets"
DEMO_PASSWORD = "vaksam-demo"  # noqa: S105 - documented demo password, refused outside DEBUG

ROLES = [
    ("medarbetare", "Medarbetare", "Alla anställda."),
    (
        "handlaggare",
        "Myndighetsutövande handläggare",
        "Handlägger ärenden och fattar eller bereder beslut som rör enskilda.",
    ),
    ("chef", "Chef", "Har personal- och verksamhetsansvar."),
    ("rekryterande-chef", "Rekryterande chef", "Anställer medarbetare."),
    (
        "sakerhetssamordnare",
        "Säkerhetssamordnare",
        "Leder utbildningen och stödjer vid incidenter.",
    ),
]

# (code, name, kind, parent code)
UNITS = [
    ("vaksamby", "Vaksamby kommun", OrgUnit.Kind.KOMMUN, None),
    ("sdn-norr", "Norrdalens stadsdelsnämnd", OrgUnit.Kind.NAMND, "vaksamby"),
    ("sdf-norr", "Norrdalens stadsdelsförvaltning", OrgUnit.Kind.FORVALTNING, "sdn-norr"),
    ("ifo", "Avdelningen för individ- och familjeomsorg", OrgUnit.Kind.AVDELNING, "sdf-norr"),
    ("ifo-barn", "Barn och unga", OrgUnit.Kind.ENHET, "ifo"),
    ("ifo-vuxen", "Vuxenenheten", OrgUnit.Kind.ENHET, "ifo"),
    ("ifo-ekbistand", "Ekonomiskt bistånd", OrgUnit.Kind.ENHET, "ifo"),
    ("aldre", "Avdelningen för äldreomsorg", OrgUnit.Kind.AVDELNING, "sdf-norr"),
    ("aldre-bistand", "Biståndsenheten äldre", OrgUnit.Kind.ENHET, "aldre"),
    ("aldre-hemtjanst", "Hemtjänsten", OrgUnit.Kind.ENHET, "aldre"),
    ("adm", "Avdelningen för administration och stöd", OrgUnit.Kind.AVDELNING, "sdf-norr"),
    ("adm-hr", "HR-enheten", OrgUnit.Kind.ENHET, "adm"),
    ("adm-ekonomi", "Ekonomi och upphandling", OrgUnit.Kind.ENHET, "adm"),
    ("adm-sakerhet", "Säkerhet och beredskap", OrgUnit.Kind.ENHET, "adm"),
]

# Units whose staff exercise public authority (myndighetsutövning).
CASEWORK_UNITS = {"ifo-barn", "ifo-vuxen", "ifo-ekbistand", "aldre-bistand"}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    employee_number: str
    first_name: str
    last_name: str
    unit: str
    roles: tuple[str, ...]
    groups: tuple[str, ...]
    manages: tuple[str, ...] = ()
    superuser: bool = False
    description: str = ""


DEMO_LOGINS = [
    DemoLogin(
        "medarbetare",
        "D0001",
        "Åsa",
        "Lindström",
        "ifo-barn",
        ("medarbetare", "handlaggare"),
        (groups.MEDARBETARE,),
        description="Socialsekreterare: Mina kurser med fyra moduler.",
    ),
    DemoLogin(
        "chef",
        "D0002",
        "Johan",
        "Ekström",
        "ifo",
        ("medarbetare", "chef", "rekryterande-chef"),
        (groups.MEDARBETARE, groups.CHEF),
        manages=("ifo",),
        description="Avdelningschef: fem moduler, med rekryteringskontroller.",
    ),
    DemoLogin(
        "samordnare",
        "D0003",
        "Leila",
        "Haddad",
        "adm-sakerhet",
        ("medarbetare", "sakerhetssamordnare"),
        (groups.MEDARBETARE, groups.KURSANSVARIG),
        description="Säkerhetssamordnare: skriver kursinnehållet i Wagtail.",
    ),
    DemoLogin(
        "hr",
        "D0004",
        "Mats",
        "Björk",
        "adm-hr",
        ("medarbetare",),
        (groups.MEDARBETARE, groups.HR),
        description="HR: personal, organisation och roller i Wagtail.",
    ),
    DemoLogin(
        "dataskydd",
        "D0006",
        "Nora",
        "Berglund",
        "adm",
        ("medarbetare",),
        (groups.MEDARBETARE, groups.DATASKYDDSOMBUD),
        description="Dataskyddsombud: loggar, gallringsplan och registerförteckning.",
    ),
    DemoLogin(
        "admin",
        "D0005",
        "Karin",
        "Sjöberg",
        "adm",
        ("medarbetare",),
        (groups.MEDARBETARE, groups.ADMINISTRATOR),
        superuser=True,
        description="Administratör: allt.",
    ),
]

FIRST_NAMES = [
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Fatima",
    "Mohammed",
    "Eva",
    "Anders",
    "Sofia",
    "Karl",
    "Elin",
    "Ali",
    "Ingrid",
    "Jonas",
    "Amina",
    "Per",
    "Linnéa",
    "Oskar",
    "Hanna",
    "Björn",
]
LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jönsson",
    "Hassan",
    "Lundqvist",
    "Åberg",
    "Öström",
]
EXTRA_EMPLOYEES = 40


@dataclass
class DemoResult:
    employees: int
    logins: list[DemoLogin]
    password: str


def _stream(blocks) -> list[dict]:
    """The demo content's (type, value) tuples in StreamField's raw form."""
    return [{"type": block_type, "value": value} for block_type, value in blocks]


def build_roles() -> dict[str, Role]:
    roles = {}
    for code, name, description in ROLES:
        roles[code], _ = Role.objects.get_or_create(
            code=code, defaults={"name": name, "description": description}
        )
    return roles


def build_units() -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {}
    for code, name, kind, parent_code in UNITS:
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None:
            new = OrgUnit(code=code, name=name, kind=kind)
            if parent_code is None:
                unit = OrgUnit.add_root(instance=new)
            else:
                unit = units[parent_code].add_child(instance=new)
            # Adding a child changes the parent's numchild; keep our copies current.
            for other in units.values():
                other.refresh_from_db()
        units[code] = unit
    return units


def _ensure_employee(
    *,
    username: str,
    employee_number: str,
    first_name: str,
    last_name: str,
    unit: OrgUnit,
    start_date: date,
    password: str | None,
) -> Employee:
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@vaksamby.example",
        },
    )
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    employee, _ = Employee.objects.get_or_create(
        employee_number=employee_number,
        defaults={"user": user, "org_unit": unit, "start_date": start_date},
    )
    return employee


def demo_employee_numbers() -> set[str]:
    """The employee numbers the demo gives its people, and no others."""
    return {login.employee_number for login in DEMO_LOGINS} | {
        f"D{1001 + index}" for index in range(EXTRA_EMPLOYEES)
    }


def build_people(roles: dict[str, Role], units: dict[str, OrgUnit]) -> list[Employee]:
    group_objects = groups.ensure_groups()
    today = timezone.localdate()
    employees = []
    for login in DEMO_LOGINS:
        employee = _ensure_employee(
            username=login.username,
            employee_number=login.employee_number,
            first_name=login.first_name,
            last_name=login.last_name,
            unit=units[login.unit],
            start_date=today - timedelta(days=3 * 365),
            password=DEMO_PASSWORD,
        )
        employee.roles.add(*(roles[code] for code in login.roles))
        employee.manages.add(*(units[code] for code in login.manages))
        employee.user.groups.add(*(group_objects[name] for name in login.groups))
        if login.superuser and not employee.user.is_superuser:
            employee.user.is_superuser = employee.user.is_staff = True
            employee.user.save(update_fields=["is_superuser", "is_staff"])
        employees.append(employee)

    # A fixed seed gives the same people on every machine and every run.
    rng = random.Random(2026)  # noqa: S311 - demo names, not security
    enheter = [code for code, _, kind, _ in UNITS if kind == OrgUnit.Kind.ENHET]
    # No two people share a name: lists, logs and labels ("Anmält förhinder: …") stay unambiguous.
    names = rng.sample([(f, s) for f in FIRST_NAMES for s in LAST_NAMES], EXTRA_EMPLOYEES)
    for index in range(EXTRA_EMPLOYEES):
        unit_code = enheter[index % len(enheter)]
        first_name, last_name = names[index]
        number = f"D{1001 + index}"
        employee = _ensure_employee(
            username=number.lower(),
            employee_number=number,
            first_name=first_name,
            last_name=last_name,
            unit=units[unit_code],
            start_date=today - timedelta(days=rng.randint(30, 8 * 365)),
            password=None,
        )
        codes = ["medarbetare"]
        if unit_code in CASEWORK_UNITS:
            codes.append("handlaggare")
        if index < len(enheter):  # the first person placed in each enhet leads it
            codes += ["chef", "rekryterande-chef"]
            employee.manages.add(units[unit_code])
            employee.user.groups.add(group_objects[groups.CHEF])
        employee.roles.add(*(roles[code] for code in codes))
        employee.user.groups.add(group_objects[groups.MEDARBETARE])
        employees.append(employee)
    return employees


def _child(parent: Page, model, slug: str, **fields):
    """The live child page with this slug, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def build_site(roles: dict[str, Role]) -> CoursePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title=demo_content.HOME_PAGE["title"],
            slug="start",
            lead=demo_content.HOME_PAGE["lead"],
            body=_stream(demo_content.HOME_PAGE["body"]),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        site.root_page = home
        site.site_name = "Vaksam"
        site.save()
        # Wagtail's placeholder "Welcome" page is replaced by our home page.
        if old_root is not None and old_root.specific_class is Page:
            old_root.delete()

    routine_data = demo_content.ROUTINE_PAGE
    routine = _child(
        home,
        StandardPage,
        routine_data["slug"],
        title=routine_data["title"],
        summary=routine_data["summary"],
        body=_stream(routine_data["body"]),
        show_in_menus=True,
    )

    _child(
        home,
        AccessibilityStatementPage,
        "tillganglighet",
        title="Tillgänglighetsredogörelse",
        conformance=AccessibilityStatementPage.Conformance.PARTIAL,
        shortcomings=(
            "<p>Administrationsgränssnittet där kursansvariga skriver innehållet ingår inte i "
            "våra automatiska tester. Videor som bäddas in från externa tjänster har en "
            "textversion, men spelaren kan ha brister som vi inte råder över.</p>"
        ),
        testing_method=(
            "<p>Varje sida som medarbetare, chefer och besökare når testas automatiskt i en "
            "riktig webbläsare med verktyget axe-core mot WCAG 2.1 nivå A och AA vid varje "
            "ändring av koden. Vi testar också att inloggning och kursens moduler går att "
            "använda med enbart tangentbord. En manuell granskning med skärmläsare är ännu "
            "inte gjord, därför anger vi webbplatsen som delvis förenlig.</p>"
        ),
        reviewed_on=timezone.localdate(),
    )

    course_index = _child(home, CourseIndexPage, "kurser", title="Kurser")
    course_data = demo_content.COURSE
    course = _child(
        course_index,
        CoursePage,
        course_data["slug"],
        title=course_data["title"],
        intro=course_data["intro"],
        topic=course_data["topic"],
        estimated_minutes=sum(m["estimated_minutes"] for m in demo_content.MODULES),
        validity_months=24,
    )
    for module_data in demo_content.MODULES:
        existing = course.get_children().filter(slug=module_data["slug"]).exists()
        module = _child(
            course,
            ModulePage,
            module_data["slug"],
            title=module_data["title"],
            summary=module_data["summary"],
            body=_stream(module_data["body"]),
            estimated_minutes=module_data["estimated_minutes"],
        )
        if not existing and module_data["audience"]:
            module.audience_roles.set([roles[code] for code in module_data["audience"]])
            module.save_revision().publish()

    site = Site.objects.get(root_page=home)
    settings_obj = SiteSettings.for_site(site)
    if not settings_obj.organisation_name:
        settings_obj.organisation_name = "Norrdalens stadsdelsförvaltning"
        settings_obj.escalation_page = routine
        settings_obj.whistleblowing_url = "https://visselblasning.vaksamby.example/"
        settings_obj.incident_reporting_url = "https://kia.vaksamby.example/"
        settings_obj.incident_reporting_name = "KIA"
        settings_obj.security_contact_name = "Leila Haddad, säkerhetssamordnare"
        settings_obj.security_contact_email = "sakerhet@vaksamby.example"
        settings_obj.security_contact_phone = "08-123 456 00"
        settings_obj.accessibility_contact_email = "tillganglighet@vaksamby.example"
        settings_obj.save()
    build_certificate_look(settings_obj)
    return course


def build_certificate_look(settings_obj: SiteSettings) -> None:
    """The logo and the signing function on certificates and reports.

    Only while none of them is set: a database seeded before they existed gets them, and one
    where someone has chosen (or removed) any of them keeps that choice.
    """
    if any(
        [
            settings_obj.signer_name,
            settings_obj.signer_title,
            settings_obj.logo_id,
            settings_obj.signature,
        ]
    ):
        return
    settings_obj.signer_name = "Leila Haddad"
    settings_obj.signer_title = "Säkerhetssamordnare"
    settings_obj.logo = _demo_image("logo.png", "Norrdalens stadsdelsförvaltning, logotyp")
    with (DEMO_ASSETS / "signature.png").open("rb") as data:
        # On the private store, as a real scan is (content/signature.py).
        settings_obj.signature.save("signature.png", File(data), save=False)
    settings_obj.save()


def _demo_image(file_name: str, title: str):
    """A Wagtail image from courses/demo_assets/ (drawn for the demo; no real organisation's)."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    with (DEMO_ASSETS / file_name).open("rb") as data:
        return image_model.objects.create(title=title, file=ImageFile(data, name=file_name))


def build_history(employees: list[Employee], course: CoursePage) -> None:
    """Some employees have already opened some modules, so Mina kurser shows real states."""
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    rng = random.Random(7)  # noqa: S311 - demo history, not security
    now = timezone.now()
    for employee in employees:
        if employee.user.username == "medarbetare":
            opened = modules[:1]
        elif employee.user.username in {login.username for login in DEMO_LOGINS}:
            continue
        else:
            opened = modules[: rng.randint(0, len(modules))]
        for module in opened:
            when = now - timedelta(days=rng.randint(1, 60))
            ModuleProgress.objects.get_or_create(
                employee=employee,
                module=module,
                defaults={"first_opened_at": when, "last_opened_at": when},
            )


def build_rules(course: CoursePage) -> None:
    """Everyone takes the course within 90 days; it started two months ago for current staff."""
    AssignmentRule.objects.get_or_create(
        name="Alla medarbetare: Otillåten påverkan",
        course=course,
        defaults={"due_days": 90, "active_from": timezone.localdate() - timedelta(days=60)},
    )


@transaction.atomic
def seed_demo() -> DemoResult:
    roles = build_roles()
    units = build_units()
    employees = build_people(roles, units)
    course = build_site(roles)
    build_history(employees, course)
    build_rules(course)
    # Apps built on courses (sessions, quizzes, …) add their demo data through this hook.
    for step in hooks.get_hooks("seed_demo"):
        step(course=course, employees=employees, logins=[login.username for login in DEMO_LOGINS])
    recompute_compliance()
    return DemoResult(employees=len(employees), logins=DEMO_LOGINS, password=DEMO_PASSWORD)
