"""A synthetic organisation with three years of learning history, for the dashboards' benchmarks.

`manage.py generate_dataset --employees N --seed S` calls `generate()`. The same N and seed
give the same organisation, people and history on the same day: everything is drawn from one
`random.Random(seed)`, and the history ends at the start of today.

What is built, and roughly how much of it at 50,000 employees:

- about 600 org units in four levels (kommun → nämnd/bolag → avdelning → enhet), about 95
  people per enhet, with codes starting "g-";
- eight roles, reused by code when they exist (the demo's five, and three more);
- N employees with users ("gen-000001", all sharing one password hash: unusable unless a
  password is given), start dates over the last ten years, 4 % of the staff who have left
  (end date in the past, inactive), a manager for every unit at every level and a security
  coordinator per nämnd/bolag who leads the sessions;
- three published courses of 3–4 modules, each module with a six-question quiz of which
  five are drawn per attempt; one course requires attendance at a session; three
  assignment rules (everyone; case officers, customer service and procurement; recruiting
  managers and HR);
- three years of history: rounds of quiz attempts (some failed before the pass), module
  passes, course completions valid for the course's validity, recertification rounds early,
  late or never, people who never finish, a few open attempts; sessions every other month
  per course, as many (30 seats, mornings and afternoons) as that date's bookings need,
  cancelled bookings, attendance for the past sessions and bookings for the coming ones; and
  finally the stored compliance status, rebuilt by `courses.compliance.recompute_compliance()`.

At 50,000 employees that is about 400,000 attempts, 735,000 answers, 300,000 module passes,
180,000 module openings, 106,000 course completions, 1,600 sessions, 44,000 bookings, 40,000
attendance rows and 70,000 status rows: under three minutes on PostgreSQL on two cores.

What is sampled, to keep the tables a realistic size: every pass and failure has its
QuizAttempt, but QuizAnswer rows (one per drawn question) are written only for attempts
submitted in the last 365 days, the period question analytics are read over; older
attempts keep their questions, score and result. Attempts reuse 16 precomputed question
draws per module instead of drawing each one, so their `questions` JSON is built once.

Rows are written with explicit ids, by COPY on PostgreSQL and executemany elsewhere (SQLite
in the tests), and the id sequences are moved past them afterwards, so nothing else should
write to these tables while the command runs. No certificates are issued and no mail is sent.
Everything generated is recognised by its prefix, which is how `delete_generated_data()`
finds it again.
"""

import bisect
import json
import math
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max, Q
from django.db.models.signals import post_delete, pre_delete
from django.utils import timezone
from wagtail.models import Page, Site

from certificates.models import Certificate
from content.models import HomePage
from courses.compliance import recompute_compliance
from courses.dates import add_months
from courses.demo import ROLES as DEMO_ROLES
from courses.models import (
    AssignmentRule,
    ComplianceStatus,
    CourseCompletion,
    CourseIndexPage,
    CoursePage,
    ModuleCompletion,
    ModulePage,
    ModuleProgress,
    ReminderLog,
)
from people import groups
from people.models import Employee, OrgUnit, Role
from quizzes.models import ModuleQuiz, QuizAnswer, QuizAttempt
from sessions.models import Attendance, Booking, CourseSession

USERNAME_PREFIX = "gen-"
NUMBER_PREFIX = "GEN-"
UNIT_PREFIX = "g-"
SLUG_PREFIX = "gen-"
EMAIL_DOMAIN = "genererad.example"  # a reserved domain: nothing can ever be delivered there

MIN_EMPLOYEES = 20
HISTORY_MONTHS = 36
ANSWER_DAYS = 365
SEAT_TARGET = 27  # a few spare seats of the 30 in every session
QUESTIONS_PER_ATTEMPT = 5
PASS_MARK = 80  # the courses' default, which their quizzes use
DRAWS_PER_MODULE = 16

# The demo's five roles and three more, so the dashboards have eight to break down by.
ROLES = [
    *DEMO_ROLES,
    ("upphandlare", "Upphandlare", "Köper in varor och tjänster åt organisationen."),
    ("hr-specialist", "HR-specialist", "Stödjer chefer i rekrytering och arbetsmiljö."),
    ("kundtjanst", "Kundtjänst och reception", "Möter invånare och företag i första linjen."),
]

NAMNDER = [
    "Kommunstyrelsen",
    "Socialnämnden",
    "Utbildningsnämnden",
    "Äldrenämnden",
    "Kultur- och fritidsnämnden",
    "Stadsbyggnadsnämnden",
    "Miljö- och hälsoskyddsnämnden",
    "Arbetsmarknadsnämnden",
    "Trafiknämnden",
    "Norra stadsdelsnämnden",
    "Södra stadsdelsnämnden",
    "Östra stadsdelsnämnden",
    "Västra stadsdelsnämnden",
    "Överförmyndarnämnden",
]
BOLAG = [
    "Vaksamby Bostäder AB",
    "Vaksamby Energi AB",
    "Vaksamby Vatten AB",
    "Vaksamby Hamn AB",
    "Vaksamby Fastigheter AB",
]
AVDELNINGAR = [
    "Avdelningen för individ- och familjeomsorg",
    "Avdelningen för äldreomsorg",
    "Avdelningen för funktionsnedsättning",
    "Avdelningen för förskola",
    "Avdelningen för grundskola",
    "Avdelningen för administration och stöd",
    "Avdelningen för ekonomi",
    "Avdelningen för stadsmiljö",
    "Avdelningen för bygglov och tillsyn",
    "Avdelningen för kultur",
    "Avdelningen för kundmöten",
    "Avdelningen för drift och underhåll",
]
# (name, profile): the profile decides which roles the unit's staff hold.
ENHETER = [
    ("Utredningsenheten", "casework"),
    ("Biståndsenheten", "casework"),
    ("Ekonomiskt bistånd", "casework"),
    ("Barn och unga", "casework"),
    ("Bygglovsenheten", "casework"),
    ("Tillsynsenheten", "casework"),
    ("Kundtjänst", "service"),
    ("Mottagningen", "service"),
    ("Upphandlingsenheten", "procurement"),
    ("HR-enheten", "hr"),
    ("Hemtjänsten", "other"),
    ("Förskolan", "other"),
    ("Skolan", "other"),
    ("Boendet", "other"),
    ("Driftenheten", "other"),
    ("Ekonomienheten", "other"),
    ("Biblioteket", "other"),
    ("Fritidsgården", "other"),
]
PROFILE_ROLES = {
    "casework": [("handlaggare", 0.8)],
    "service": [("kundtjanst", 0.7), ("handlaggare", 0.1)],
    "procurement": [("upphandlare", 0.7)],
    "hr": [("hr-specialist", 0.6)],
    "other": [("handlaggare", 0.04), ("kundtjanst", 0.03), ("upphandlare", 0.01)],
}
FIRST_NAMES = (
    "Anna Erik Maria Lars Fatima Mohammed Eva Anders Sofia Karl Elin Ali Ingrid Jonas Amina Per "
    "Linnéa Oskar Hanna Björn Sara Johan Leila Mats Karin Ahmed Emma Nils Maja Omar Ida Gustav"
).split()
LAST_NAMES = (
    "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson "
    "Pettersson Jönsson Hassan Lundqvist Åberg Öström Lindberg Berg Haddad Axelsson Sjöberg "
    "Holm Ali Nyström Ekström Björk Lind Forsberg"
).split()
VENUES = ["Stadshuset, sal Ekorren", "Kommunhuset, rum Granen", "Medborgarhuset, Lärkan"]


@dataclass(frozen=True)
class ModuleSpec:
    slug: str
    title: str
    topic: str
    audience: tuple[str, ...] = ()


@dataclass(frozen=True)
class CourseSpec:
    slug: str
    title: str
    topic: str
    modules: tuple[ModuleSpec, ...]
    rule_roles: tuple[str, ...]  # empty: everyone
    due_days: int
    validity_months: int
    rule_starts_after_months: int = 0
    requires_attendance: bool = False
    voluntary_sessions: float = 0.0  # share of rounds with a session when none is required
    session_weekday: int = 1  # Tuesday
    session_week: int = 2
    session_hours: int = 2


COURSES = [
    CourseSpec(
        slug=f"{SLUG_PREFIX}otillaten-paverkan",
        title="Otillåten påverkan – grundkurs",
        topic="Otillåten påverkan",
        modules=(
            ModuleSpec(f"{SLUG_PREFIX}introduktion", "Introduktion", "otillåten påverkan"),
            ModuleSpec(f"{SLUG_PREFIX}hot-och-vald", "Hot och våld", "hot och våld"),
            ModuleSpec(f"{SLUG_PREFIX}jav-och-mutor", "Jäv och mutor", "jäv och mutor"),
            ModuleSpec(
                f"{SLUG_PREFIX}att-leda", "Att leda vid otillåten påverkan", "ledarskap", ("chef",)
            ),
        ),
        rule_roles=(),
        due_days=90,
        validity_months=24,
        voluntary_sessions=0.08,
    ),
    CourseSpec(
        slug=f"{SLUG_PREFIX}myndighetsutovning",
        title="Myndighetsutövning under påverkan",
        topic="Myndighetsutövning",
        modules=(
            ModuleSpec(f"{SLUG_PREFIX}beslut-under-tryck", "Beslut under tryck", "påtryckningar"),
            ModuleSpec(
                f"{SLUG_PREFIX}trakasserier", "Trakasserier mot handläggare", "trakasserier"
            ),
            ModuleSpec(
                f"{SLUG_PREFIX}upphandling",
                "Mutor i upphandling",
                "mutor i upphandling",
                ("upphandlare",),
            ),
        ),
        rule_roles=("handlaggare", "kundtjanst", "upphandlare"),
        due_days=120,
        validity_months=24,
        requires_attendance=True,
        session_weekday=2,
        session_hours=3,
    ),
    CourseSpec(
        slug=f"{SLUG_PREFIX}rekryteringskontroller",
        title="Rekryteringskontroller",
        topic="Rekrytering",
        modules=(
            ModuleSpec(f"{SLUG_PREFIX}risker", "Risker vid rekrytering", "rekrytering"),
            ModuleSpec(f"{SLUG_PREFIX}bakgrund", "Bakgrundskontroller", "bakgrundskontroller"),
            ModuleSpec(
                f"{SLUG_PREFIX}dokumentera", "Att dokumentera beslutet", "rekryteringsbeslut"
            ),
        ),
        rule_roles=("rekryterande-chef", "hr-specialist"),
        due_days=180,
        validity_months=36,
        rule_starts_after_months=12,
        voluntary_sessions=0.3,
        session_weekday=3,
        session_week=3,
    ),
]


@dataclass
class DatasetResult:
    counts: dict[str, int]


# --- finding and removing generated data -------------------------------------------------


def _generated():
    """Querysets for everything this module creates, recognised by prefix."""
    courses = CoursePage.objects.filter(slug__startswith=SLUG_PREFIX)
    module_q = Q(pk__in=[])
    for path in courses.values_list("path", flat=True):
        module_q |= Q(path__startswith=path)
    return {
        "employees": Employee.objects.filter(employee_number__startswith=NUMBER_PREFIX),
        "users": get_user_model().objects.filter(username__startswith=USERNAME_PREFIX),
        "units": OrgUnit.objects.filter(code__startswith=UNIT_PREFIX),
        "courses": courses,
        "modules": ModulePage.objects.filter(module_q),
    }


def has_generated_data() -> bool:
    return any(queryset.exists() for queryset in _generated().values())


def _raw_delete(queryset) -> int:
    """Delete in one statement, without loading rows: the history tables hold millions."""
    model = queryset.model
    inner, params = queryset.order_by().values("pk").query.sql_with_params()
    quote = connection.ops.quote_name
    sql = (  # identifiers come from the models' metadata, values are parameters
        f"DELETE FROM {quote(model._meta.db_table)} "  # noqa: S608
        f"WHERE {quote(model._meta.pk.column)} IN ({inner})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


class GeneratedDataInUse(Exception):
    """Something that protects its references points at generated data; the argument says what."""


def _delete_rows(queryset) -> None:
    """Delete the rows and what depends on them as the ORM would, in a statement per relation.

    The ORM's collector loads the rows and sends every id in each query, which takes a minute
    for 50,000 people; subqueries take seconds.
    """
    model = queryset.model
    if pre_delete.has_listeners(model) or post_delete.has_listeners(model):
        queryset.delete()  # someone wants to hear about each row
        return
    ids = queryset.order_by().values("pk")
    for relation in model._meta.get_fields(include_hidden=True):
        # The reverse side of every foreign key and one-to-one, as Django's collector finds them.
        if not relation.auto_created or relation.concrete:
            continue
        if not (relation.one_to_many or relation.one_to_one):
            continue
        field = relation.field
        related = relation.related_model._base_manager.filter(**{f"{field.name}__in": ids})
        on_delete = field.remote_field.on_delete
        if on_delete is models.CASCADE and relation.related_model is model:
            related.delete()  # a tree of rows: the ORM knows how to walk it
        elif on_delete is models.CASCADE:
            _delete_rows(related)
        elif on_delete is models.SET_NULL:
            related.update(**{field.name: None})
        elif on_delete is not models.DO_NOTHING and related.exists():
            raise GeneratedDataInUse(str(relation.related_model._meta.verbose_name_plural))
    _raw_delete(queryset)


def delete_generated_data() -> int:
    """Remove everything generated earlier, and what refers to it. Returns employees removed.

    Call inside a transaction. Raises GeneratedDataInUse when protected data refers to it.
    """
    found = _generated()
    employees, courses, modules = found["employees"], found["courses"], found["modules"]
    count = employees.count()
    mine = Q(employee__in=employees)
    # Records first, most of them protected, then the people and their accounts.
    for queryset in (
        Certificate.objects.filter(mine | Q(course__in=courses)),
        QuizAttempt.objects.filter(mine | Q(module__in=modules)),
        ModuleCompletion.objects.filter(mine | Q(module__in=modules)),
        ModuleProgress.objects.filter(mine | Q(module__in=modules)),
        CourseCompletion.objects.filter(mine | Q(course__in=courses)),
        Attendance.objects.filter(mine | Q(session__course__in=courses)),
        CourseSession.objects.filter(course__in=courses),
        ComplianceStatus.objects.filter(mine | Q(course__in=courses)),
        ReminderLog.objects.filter(mine | Q(course__in=courses)),
        AssignmentRule.objects.filter(course__in=courses),
        employees,
        found["users"],
    ):
        _delete_rows(queryset)
    found["units"].delete()  # treebeard's delete keeps the tree's child counts right
    for course in list(courses):
        course.delete()  # Wagtail removes the modules, quizzes and revisions with it
    return count


# --- writing rows ------------------------------------------------------------------------


class _Table:
    """Rows for one table with ids assigned here, so children can refer to them at once."""

    def __init__(self, model, fields: list[str]):
        self.model = model
        self.fields = [model._meta.get_field(name) for name in ["id", *fields]]
        self.rows: list[tuple] = []
        self.next_id = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    def add(self, *values) -> int:
        pk = self.next_id
        self.next_id += 1
        self.rows.append((pk, *values))
        return pk

    def write(self) -> None:
        if not self.rows:
            return
        quote = connection.ops.quote_name
        table = quote(self.model._meta.db_table)
        columns = ", ".join(quote(f.column) for f in self.fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY is several times faster than INSERT for the history tables.
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                self._insert(cursor, table, columns)

    def _insert(self, cursor, table, columns) -> None:
        # JSON columns arrive already serialised; everything else is prepared as the ORM would.
        prepare = [
            None
            if isinstance(f, models.JSONField)
            else (lambda value, f=f: f.get_db_prep_save(value, connection))
            for f in self.fields
        ]
        marks = ", ".join(["%s"] * len(self.fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - identifiers
        batch = []
        for row in self.rows:
            batch.append(tuple(v if p is None else p(v) for p, v in zip(prepare, row, strict=True)))
            if len(batch) == 5000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _path_number(step: str) -> int:
    number = 0
    for char in step:
        number = number * len(OrgUnit.alphabet) + OrgUnit.alphabet.index(char)
    return number


def _path_step(number: int) -> str:
    """One step of a treebeard path (OrgUnit uses steps of four base-36 digits)."""
    alphabet, digits = OrgUnit.alphabet, ""
    while number:
        number, rest = divmod(number, len(alphabet))
        digits = alphabet[rest] + digits
    return digits.rjust(OrgUnit.steplen, alphabet[0])


# --- the organisation, the site and the history ------------------------------------------


@dataclass(slots=True)
class _Unit:
    pk: int
    code: str
    level: int
    profile: str = "other"
    children: list = field(default_factory=list)


@dataclass(slots=True)
class _Person:
    pk: int
    user_id: int
    unit: _Unit
    roles: tuple[str, ...]
    start: date
    end: date | None
    diligence: float  # 0 = reluctant, 1 = does everything early
    role_json: str = ""


@dataclass(slots=True)
class _Question:
    id: str
    right: str  # the correct selection, as JSON
    wrong: list[str]  # wrong selections, as JSON, the most tempting first
    difficulty: float


@dataclass(slots=True)
class _Draw:
    questions_json: str
    questions: list[_Question]


@dataclass(slots=True)
class _Module:
    pk: int
    revision_id: int | None
    audience: frozenset[str]
    draws: list[_Draw]


@dataclass
class _Course:
    spec: CourseSpec
    pk: int
    modules: list[_Module]
    active_from: date
    dates: list[date] = field(default_factory=list)
    # date index → bookings: (employee, status, created_at, cancelled_at, attendance, session)
    bookings: dict = field(default_factory=lambda: defaultdict(list))
    seats: dict = field(default_factory=lambda: defaultdict(int))  # date index → live bookings
    booked: set = field(default_factory=set)  # (employee, date index) with a live booking

    def book(self, index, employee, status, created, cancelled=None, attended=None) -> int | None:
        """Add a booking. Returns the number of the day's session its seat is in (sessions fill
        up in turn), or None when it takes no seat: cancelled, or the person has one already."""
        if status == Booking.Status.CANCELLED:
            session = None  # takes no seat; placed when the sessions are built
        elif (employee, index) in self.booked:
            return None
        else:
            self.booked.add((employee, index))
            session = self.seats[index] // SEAT_TARGET
            self.seats[index] += 1
        self.bookings[index].append((employee, status, created, cancelled, attended, session))
        return session


class _Generator:
    def __init__(self, *, employees: int, seed: int, password: str | None, today: date):
        self.size = employees
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
        self.password = password
        self.today = today
        self.tz = ZoneInfo(settings.TIME_ZONE)
        # The history ends where today begins, so two runs on one day agree exactly.
        self.cutoff = self.at(today, 0)
        self.history_start = add_months(today, -HISTORY_MONTHS)
        self.answers_from = self.cutoff - timedelta(days=ANSWER_DAYS)
        User = get_user_model()
        self.users = _Table(
            User,
            ["password", "last_login", "is_superuser", "username", "first_name", "last_name",
             "email", "is_staff", "is_active", "date_joined"],
        )  # fmt: skip
        self.user_groups = _Table(User.groups.through, ["user", "group"])
        self.units = _Table(OrgUnit, ["path", "depth", "numchild", "code", "name", "kind"])
        self.employees = _Table(
            Employee,
            ["user", "employee_number", "org_unit", "is_active", "start_date", "end_date",
             "deactivated_at"],
        )  # fmt: skip
        self.employee_roles = _Table(Employee.roles.through, ["employee", "role"])
        self.manages = _Table(Employee.manages.through, ["employee", "orgunit"])
        self.attempts = _Table(
            QuizAttempt,
            ["public_id", "employee", "module", "revision", "questions", "pass_mark",
             "show_explanations", "role_codes", "org_unit", "org_unit_code", "started_at",
             "submitted_at", "correct_count", "score", "passed"],
        )  # fmt: skip
        self.answers = _Table(QuizAnswer, ["attempt", "question_id", "selected", "correct"])
        self.module_completions = _Table(
            ModuleCompletion, ["employee", "module", "completed_at", "score"]
        )
        self.progress = _Table(
            ModuleProgress, ["employee", "module", "first_opened_at", "last_opened_at"]
        )
        self.course_completions = _Table(
            CourseCompletion, ["employee", "course", "completed_at", "valid_until", "revoked_at"]
        )
        self.sessions = _Table(
            CourseSession,
            ["course", "starts_at", "ends_at", "format", "location", "meeting_url", "capacity",
             "leader", "booking_deadline", "status"],
        )  # fmt: skip
        self.bookings = _Table(
            Booking, ["session", "employee", "status", "created_at", "cancelled_at"]
        )
        self.attendances = _Table(
            Attendance, ["session", "employee", "status", "marked_at", "marked_by"]
        )
        self.people: list[_Person] = []
        self.coordinators: list[_Person] = []
        self.opened: dict[tuple[int, int], list] = {}

    # Moments are local wall-clock times: office hours never meet a daylight-saving gap.
    def at(self, day: date, minutes: int) -> datetime:
        return datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=self.tz)

    def office_hours(self, day: date) -> datetime:
        return self.at(day, self.rng.randint(8 * 60, 16 * 60))

    # -- organisation --

    def build_roles(self) -> dict[str, int]:
        roles = {}
        for code, name, description in ROLES:
            role, _ = Role.objects.get_or_create(
                code=code, defaults={"name": name, "description": description}
            )
            roles[code] = role.pk
        return roles

    def build_units(self) -> list[_Unit]:
        """The tree, sized to the organisation; returns the enheter."""
        rng = self.rng
        enheter = max(4, round(self.size / 95))
        avdelningar = max(2, round(enheter / 8))
        namnder = max(2, round(avdelningar / 6.5))

        def spread(children: int, parents: int) -> list[int]:
            # Every parent gets one child, the rest land at random: units differ in size.
            owners = list(range(parents)) + [
                rng.randrange(parents) for _ in range(children - parents)
            ]
            return sorted(owners)

        # A root of its own after the existing ones, so reset can remove it whole.
        last_root = OrgUnit.get_last_root_node()
        root_path = _path_step(1 if last_root is None else _path_number(last_root.path) + 1)
        root = _Unit(self.units.next_id, f"{UNIT_PREFIX}kommun", 1)
        self.units.add(root_path, 1, 0, root.code, "Vaksamby kommun (genererad)", "kommun")
        paths = {root.pk: root_path}

        def add(parent: _Unit, code: str, name: str, kind: str, level: int) -> _Unit:
            path = paths[parent.pk] + _path_step(len(parent.children) + 1)
            unit = _Unit(self.units.next_id, code, level)
            self.units.add(path, level, 0, code, name, kind)
            paths[unit.pk] = path
            parent.children.append(unit)
            return unit

        bolag = max(1, namnder // 4)
        level2 = []
        for index in range(namnder):
            is_bolag = index >= namnder - bolag
            names = BOLAG if is_bolag else NAMNDER
            number = index - (namnder - bolag) if is_bolag else index
            name = names[number % len(names)]
            if number >= len(names):
                name = f"{name} {number // len(names) + 1}"
            kind = "bolag" if is_bolag else "namnd"
            level2.append(add(root, f"{UNIT_PREFIX}n{index + 1:02d}", name, kind, 2))
        level3 = []
        for owner in spread(avdelningar, namnder):
            parent = level2[owner]
            name = AVDELNINGAR[rng.randrange(len(AVDELNINGAR))]
            code = f"{parent.code}-a{len(parent.children) + 1:02d}"
            level3.append(add(parent, code, name, "avdelning", 3))
        level4 = []
        for owner in spread(enheter, avdelningar):
            parent = level3[owner]
            name, profile = ENHETER[rng.randrange(len(ENHETER))]
            code = f"{parent.code}-e{len(parent.children) + 1:02d}"
            unit = add(parent, code, f"{name} {len(parent.children) + 1}", "enhet", 4)
            unit.profile = profile
            level4.append(unit)

        # numchild is the third value of each row; fill it in now the tree is known.
        children = {unit.pk: len(unit.children) for unit in [root, *level2, *level3]}
        self.units.rows = [
            (row[0], row[1], row[2], children.get(row[0], 0), *row[4:]) for row in self.units.rows
        ]
        self.root, self.level2, self.level3 = root, level2, level3
        return level4

    def build_people(self, roles: dict[str, int], enheter: list[_Unit]) -> None:
        rng = self.rng
        today = self.today
        password = make_password(self.password)  # once: hashing per user would take hours
        group_ids = {name: group.pk for name, group in groups.ensure_groups().items()}
        leaders = [self.root, *self.level2, *self.level3]
        weights = [rng.lognormvariate(0, 0.5) for _ in enheter]
        # Managers of the upper levels sit in the unit they lead; every enhet leads itself.
        placements = [(unit, True) for unit in leaders] + [(unit, True) for unit in enheter]
        rest = self.size - len(placements)
        if rest < 0:
            raise ValueError("too few employees for the organisation")
        placements += [(unit, False) for unit in rng.choices(enheter, weights, k=rest)]

        for number, (unit, leads) in enumerate(placements, start=1):
            codes = ["medarbetare"]
            if leads:
                codes.append("chef")
                if unit.level == 4 or rng.random() < 0.5:
                    codes.append("rekryterande-chef")
            else:
                for code, share in PROFILE_ROLES[unit.profile]:
                    if rng.random() < share:
                        codes.append(code)
            if leads:
                start = today - timedelta(days=rng.randint(400, 3650))
            else:
                start = today - timedelta(days=rng.randint(14, 3650))
            end = None
            if not leads and rng.random() < 0.04:
                earliest = max(start + timedelta(days=30), self.history_start)
                latest = today - timedelta(days=1)
                if earliest < latest:
                    end = earliest + timedelta(days=rng.randint(0, (latest - earliest).days))
            username = f"{USERNAME_PREFIX}{number:06d}"
            user_id = self.users.add(
                password, None, False, username, rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES),
                f"{username}@{EMAIL_DOMAIN}", False, end is None, self.at(start, 8 * 60),
            )  # fmt: skip
            pk = self.employees.add(
                # A leaver was switched off on their last day.
                user_id,
                f"{NUMBER_PREFIX}{number:06d}",
                unit.pk,
                end is None,
                start,
                end,
                end,
            )
            person = _Person(pk, user_id, unit, tuple(codes), start, end, rng.random())
            self.people.append(person)
            if leads:
                self.manages.add(pk, unit.pk)
                self.user_groups.add(user_id, group_ids[groups.CHEF])

        # One security coordinator per nämnd/bolag leads the sessions.
        by_top: dict[int, list[_Person]] = defaultdict(list)
        top_of = {}
        for top in self.level2:
            for avdelning in top.children:
                top_of[avdelning.pk] = top.pk
                for enhet in avdelning.children:
                    top_of[enhet.pk] = top.pk
        for person in self.people:
            if "chef" not in person.roles and person.end is None and person.unit.pk in top_of:
                by_top[top_of[person.unit.pk]].append(person)
        for top in self.level2:
            candidates = by_top.get(top.pk)
            if candidates:
                person = rng.choice(candidates)
                person.roles = (*person.roles, "sakerhetssamordnare")
                self.coordinators.append(person)
                self.user_groups.add(person.user_id, group_ids[groups.KURSANSVARIG])
        if not self.coordinators:  # a tiny organisation: its first manager leads them
            self.coordinators.append(self.people[0])

        for person in self.people:
            person.role_json = json.dumps(sorted(person.roles))
            for code in person.roles:
                self.employee_roles.add(person.pk, roles[code])

    # -- courses --

    def build_site(self, roles: dict[str, int]) -> list[_Course]:
        index = self._course_index()
        role_objects = {role.code: role for role in Role.objects.filter(pk__in=roles.values())}
        courses = []
        for spec in COURSES:
            page = CoursePage(
                title=spec.title,
                slug=spec.slug,
                topic=spec.topic,
                intro=f"<p>{spec.title}: en genererad kurs för prestandatester.</p>",
                estimated_minutes=20 * len(spec.modules),
                validity_months=spec.validity_months,
                requires_attendance=spec.requires_attendance,
                pass_mark=PASS_MARK,
            )
            index.add_child(instance=page)
            page.save_revision().publish()
            modules = []
            for module_spec in spec.modules:
                modules.append(self._module(page, module_spec, role_objects))
            rule = AssignmentRule(
                name=f"{spec.title} (genererad)",
                course=page,
                due_days=spec.due_days,
                active_from=add_months(self.history_start, spec.rule_starts_after_months),
            )
            rule.save()
            if spec.rule_roles:
                rule.roles.set([role_objects[code] for code in spec.rule_roles])
                rule.save()
            course = _Course(spec, page.pk, modules, rule.active_from)
            course.dates = self._session_dates(spec)
            courses.append(course)
        return courses

    def _course_index(self) -> CourseIndexPage:
        index = CourseIndexPage.objects.first()
        if index is not None:
            return index
        home = HomePage.objects.first()
        if home is None:
            # A bare site (migrated, never seeded): our home page replaces Wagtail's welcome.
            home = HomePage(title="Vaksam", slug="start")
            Page.get_first_root_node().add_child(instance=home)
            home.save_revision().publish()
            site = Site.objects.filter(is_default_site=True).first()
            old_root = site.root_page if site else None
            site = site or Site(hostname="localhost", port=80, is_default_site=True)
            site.root_page = home
            site.site_name = "Vaksam"
            site.save()
            if old_root is not None and old_root.specific_class is Page:
                old_root.delete()
        slug = "kurser"
        if home.get_children().filter(slug=slug).exists():
            slug = f"{SLUG_PREFIX}kurser"
        index = CourseIndexPage(title="Kurser", slug=slug)
        home.add_child(instance=index)
        index.save_revision().publish()
        return index

    def _module(self, course: CoursePage, spec: ModuleSpec, role_objects) -> _Module:
        module = ModulePage(
            title=spec.title,
            slug=spec.slug,
            summary=f"Om {spec.topic}.",
            body=[{"type": "paragraph", "value": f"<p>Modulen handlar om {spec.topic}.</p>"}],
            estimated_minutes=20,
        )
        # Audience and quiz go in before the first save: one save and one publish per module.
        if spec.audience:
            module.audience_roles.set([role_objects[code] for code in spec.audience])
        module.quiz.add(
            ModuleQuiz(
                questions=_quiz_blocks(spec.topic, self.rng),
                questions_per_attempt=QUESTIONS_PER_ATTEMPT,
            )
        )
        course.add_child(instance=module)
        module.save_revision().publish()
        module = ModulePage.objects.get(pk=module.pk)
        snapshots = ModuleQuiz.objects.get(page=module).question_snapshots()
        difficulty = {q["id"]: self.rng.uniform(0.5, 3.0) for q in snapshots}
        draws = []
        for _ in range(DRAWS_PER_MODULE):
            # As ModuleQuiz.draw: a subset in authoring order, options shuffled.
            chosen = sorted(self.rng.sample(range(len(snapshots)), QUESTIONS_PER_ATTEMPT))
            drawn = []
            for position in chosen:
                question = dict(snapshots[position])
                question["options"] = list(question["options"])
                if question["type"] != "true_false":
                    self.rng.shuffle(question["options"])
                drawn.append(question)
            draws.append(
                _Draw(json.dumps(drawn), [_question(q, difficulty[q["id"]]) for q in drawn])
            )
        return _Module(module.pk, module.live_revision_id, frozenset(spec.audience), draws)

    def _session_dates(self, spec: CourseSpec) -> list[date]:
        """Every other month on the course's weekday, from the history's start to half a year on.

        Today is left out: a session today would be neither held nor bookable.
        """
        dates = []
        month = date(self.history_start.year, self.history_start.month, 1)
        last = self.today + timedelta(days=183)
        while month <= last:
            first = month + timedelta(days=(spec.session_weekday - month.weekday()) % 7)
            day = first + timedelta(weeks=spec.session_week - 1)
            if self.history_start <= day <= last and day != self.today:
                dates.append(day)
            month = add_months(month, 2)
        return dates

    # -- history --

    def build_history(self, courses: list[_Course]) -> None:
        for person in self.people:
            for course in courses:
                roles = course.spec.rule_roles
                if roles and not set(roles) & set(person.roles):
                    continue
                modules = [
                    m for m in course.modules if not m.audience or m.audience & set(person.roles)
                ]
                self._course_history(person, course, modules)
        for (employee_id, module_id), (first, last) in self.opened.items():
            self.progress.add(employee_id, module_id, first, last)

    def _course_history(self, person: _Person, course: _Course, modules: list[_Module]) -> None:
        rng, spec = self.rng, course.spec
        start = max(person.start, course.active_from)
        stop = self.cutoff if person.end is None else min(self.at(person.end, 17 * 60), self.cutoff)
        reluctance = 1 - person.diligence
        if rng.random() < 0.12 * reluctance + 0.01:
            # Never gets round to it; some have at least looked at the first module.
            if rng.random() < 0.3:
                day = start + timedelta(days=rng.randint(1, 60))
                opened = self.office_hours(day)
                if opened < stop:
                    self._open(person, modules[0], opened)
            return
        mean_delay = spec.due_days * (1.5 - 1.3 * person.diligence)
        begin_day = start + timedelta(days=1 + min(int(rng.expovariate(1 / mean_delay)), 900))
        since = None
        while True:
            begin = self.office_hours(begin_day)
            if begin >= stop:
                # Someone planning their next round soon books a coming session now.
                soon = (begin_day - self.today).days <= 90
                wants = spec.requires_attendance or rng.random() < spec.voluntary_sessions
                if person.end is None and soon and wants:
                    self._book_upcoming(person, course, since)
                return
            completed = self._round(person, course, modules, begin, since, stop)
            if completed is None:
                return
            valid_until = add_months(completed.date(), spec.validity_months)
            self.course_completions.add(person.pk, course.pk, completed, valid_until, None)
            since = completed
            draw = rng.random()
            if draw < 0.2 * reluctance + 0.03:
                return  # lets it lapse
            if draw < 0.55 * reluctance + 0.15:
                begin_day = valid_until + timedelta(days=1 + int(rng.expovariate(1 / 60)))
            else:
                begin_day = valid_until - timedelta(days=rng.randint(7, 90))
            begin_day = max(begin_day, completed.date() + timedelta(days=30))

    def _round(self, person, course, modules, begin, since, stop) -> datetime | None:
        """One round of the course from `begin`: its completion moment, or None if unfinished."""
        rng = self.rng
        moment = last_step = last_pass = begin
        for module in modules:
            failures = 0
            while failures < 3 and rng.random() < 0.35 * (1 - person.diligence) + 0.08:
                failures += 1
            for attempt in range(failures + 1):
                started = moment + timedelta(minutes=rng.randint(1, 10))
                submitted = started + timedelta(minutes=rng.randint(3, 25))
                if submitted >= stop:
                    if person.end is None and rng.random() < 0.25:
                        # Has started the quiz since the last step but not handed it in.
                        opened = last_step + (stop - last_step) * rng.random()
                        self._open(person, module, opened)
                        self._attempt(person, module, opened, None, passed=False)
                    return None
                self._open(person, module, started)
                passed = attempt == failures
                score = self._attempt(person, module, started, submitted, passed=passed)
                if passed:
                    self.module_completions.add(person.pk, module.pk, submitted, score)
                    last_pass = submitted
                last_step = submitted
                # Half go on in the same sitting; the rest come back another day.
                if rng.random() < 0.5:
                    moment = submitted + timedelta(minutes=rng.randint(2, 60))
                else:
                    later = submitted.date() + timedelta(days=rng.randint(1, 14))
                    moment = self.office_hours(later)
        spec = course.spec
        if spec.requires_attendance:
            attended = self._book(person, course, begin, since, stop)
            return None if attended is None else max(last_pass, attended)
        if rng.random() < spec.voluntary_sessions:
            self._book(person, course, begin, since, stop)
        return last_pass

    def _open(self, person: _Person, module: _Module, moment: datetime) -> None:
        opened = moment - timedelta(minutes=self.rng.randint(1, 5))
        key = (person.pk, module.pk)
        seen = self.opened.get(key)
        self.opened[key] = [opened, opened] if seen is None else [seen[0], max(seen[1], opened)]

    def _attempt(self, person, module, started, submitted, *, passed) -> int | None:
        rng = self.rng
        draw = module.draws[rng.randrange(len(module.draws))]
        count = len(draw.questions)
        correct = score = result = None
        if submitted is not None:
            needed = math.ceil(PASS_MARK * count / 100)
            if passed:
                perfect = rng.random() < 0.45 + 0.4 * person.diligence
                correct = count if perfect else rng.randint(needed, count)
            else:
                correct = rng.choices(range(needed), [(n + 1) ** 2 for n in range(needed)])[0]
            score, result = round(100 * correct / count), passed
        attempt_id = self.attempts.add(
            uuid.UUID(int=rng.getrandbits(128), version=4), person.pk, module.pk,
            module.revision_id, draw.questions_json, PASS_MARK, True, person.role_json,
            person.unit.pk, person.unit.code, started, submitted, correct, score, result,
        )  # fmt: skip
        if submitted is not None and submitted >= self.answers_from:
            self._answers(attempt_id, draw, correct)
        return score

    def _answers(self, attempt_id: int, draw: _Draw, correct: int) -> None:
        rng = self.rng
        positions = list(range(len(draw.questions)))
        weights = [question.difficulty for question in draw.questions]
        wrong: set[int] = set()
        while len(wrong) < len(positions) - correct:
            wrong.add(rng.choices(positions, weights)[0])
        for position, question in enumerate(draw.questions):
            if position in wrong:
                tempting = [3] + [1] * (len(question.wrong) - 1)
                selected = rng.choices(question.wrong, tempting)[0]
            else:
                selected = question.right
            self.answers.add(attempt_id, question.id, selected, position not in wrong)

    def _book(self, person, course, after, since, stop) -> datetime | None:
        """Book the first session after `after`; with attendance required, until present.

        Returns when the attended session ended, or None.
        """
        rng, spec = self.rng, course.spec
        dates = course.dates
        index = bisect.bisect_left(dates, after.date() + timedelta(days=rng.randint(3, 20)))
        floor = max(since or self.at(person.start, 8 * 60), self.at(self.history_start, 8 * 60))
        for _ in range(3):
            if index >= len(dates):
                return None
            day = dates[index]
            starts = self.session_start(day, 0)
            if day > self.today:
                if person.end is None:
                    self._book_upcoming(person, course, since)
                return None
            if starts >= stop:
                return None
            created = max(starts - timedelta(days=rng.randint(3, 45)), floor)
            if index > 0 and rng.random() < 0.06:
                # Booked an earlier session first, then cancelled it.
                earlier = self.session_start(dates[index - 1], 0)
                first = earlier - timedelta(days=rng.randint(10, 40))
                cancelled = earlier - timedelta(days=rng.randint(1, 7))
                if first > floor:
                    course.book(index - 1, person.pk, Booking.Status.CANCELLED, first, cancelled)
                    created = max(created, cancelled + timedelta(hours=1))
            draw = rng.random()
            if draw < 0.86:
                status = Attendance.Status.PRESENT
            elif draw < 0.93:
                status = Attendance.Status.ABSENT
            else:
                status = Attendance.Status.EXCUSED
            session = course.book(
                index, person.pk, Booking.Status.CONFIRMED, created, attended=status
            )
            if session is None:
                return None
            if status == Attendance.Status.PRESENT:
                return self.session_start(day, session) + timedelta(hours=spec.session_hours)
            if not spec.requires_attendance:
                return None
            index += 1
        return None

    def _book_upcoming(self, person: _Person, course: _Course, since) -> None:
        # A coming session whose booking deadline (two days before) has not passed.
        index = bisect.bisect_left(course.dates, self.today + timedelta(days=3))
        if index < len(course.dates):
            floor = since or self.at(person.start, 8 * 60)
            created = self.cutoff - timedelta(minutes=self.rng.randint(60, 30 * 24 * 60))
            course.book(index, person.pk, Booking.Status.CONFIRMED, max(created, floor))

    def session_start(self, day: date, session: int) -> datetime:
        # The day's sessions alternate between morning and afternoon.
        return self.at(day, 9 * 60 if session % 2 == 0 else 13 * 60)

    def build_sessions(self, courses: list[_Course]) -> None:
        """The sessions each date's bookings filled, then the bookings and the attendance."""
        rng = self.rng
        for course in courses:
            spec = course.spec
            slug = spec.slug.removeprefix(SLUG_PREFIX)
            for index, day in enumerate(course.dates):
                count = max(1, math.ceil(course.seats[index] / SEAT_TARGET))
                held = day < self.today
                sessions = []
                for number in range(count):
                    leader = rng.choice(self.coordinators)
                    starts = self.session_start(day, number)
                    ends = starts + timedelta(hours=spec.session_hours)
                    online = number // 2 % 2 == 0
                    pk = self.sessions.add(
                        course.pk, starts, ends,
                        CourseSession.Format.ONLINE if online else CourseSession.Format.ON_SITE,
                        "" if online else VENUES[number // 4 % len(VENUES)],
                        f"https://moten.{EMAIL_DOMAIN}/{slug}-{number + 1}" if online else "",
                        30, leader.pk, starts - timedelta(days=2),
                        CourseSession.Status.HELD if held else CourseSession.Status.PLANNED,
                    )  # fmt: skip
                    sessions.append((pk, leader, ends))
                cancelled_seat = 0
                for booking in course.bookings[index]:
                    employee_id, status, created, cancelled, attended, number = booking
                    if number is None:
                        number = cancelled_seat % count
                        cancelled_seat += 1
                    pk, leader, ends = sessions[number]
                    self.bookings.add(pk, employee_id, status, created, cancelled)
                    if attended is not None and held:
                        marked = ends + timedelta(minutes=rng.randint(10, 48 * 60))
                        marked = min(marked, self.cutoff - timedelta(minutes=1))
                        self.attendances.add(pk, employee_id, attended, marked, leader.user_id)

    def write(self) -> None:
        tables = [
            self.users, self.user_groups, self.units, self.employees, self.employee_roles,
            self.manages, self.sessions, self.bookings, self.attendances, self.attempts,
            self.answers, self.module_completions, self.progress, self.course_completions,
        ]  # fmt: skip
        for table in tables:
            table.write()
        # Rows came with their own ids: move each id sequence past them.
        statements = connection.ops.sequence_reset_sql(no_style(), [t.model for t in tables])
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)


def _question(snapshot: dict, difficulty: float) -> _Question:
    correct = sorted(o["id"] for o in snapshot["options"] if o["correct"])
    wrong_ids = [o["id"] for o in snapshot["options"] if not o["correct"]]
    if snapshot["type"] == "multiple_choice":
        # Missing one right option is the usual mistake; adding a wrong one the other.
        wrong = [sorted(set(correct) - {option}) for option in correct if len(correct) > 1]
        wrong += [sorted([*correct, option]) for option in wrong_ids]
    else:
        wrong = [[option] for option in wrong_ids]
    return _Question(
        snapshot["id"], json.dumps(correct), [json.dumps(w) for w in wrong], difficulty
    )


def _quiz_blocks(topic: str, rng: random.Random) -> list[dict]:
    """Six short questions about the topic, in the quiz StreamField's raw form."""

    def block_id() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    def choice(kind: str, question: str, options, explanation: str, situation: str = ""):
        value = {
            "question": question,
            "explanation": explanation,
            "options": [
                {
                    "type": "item",
                    "id": block_id(),
                    "value": {"text": text, "correct": correct, "feedback": feedback},
                }
                for text, correct, feedback in options
            ],
        }
        if kind == "scenario":
            value["situation"] = situation
        return {"type": kind, "value": value, "id": block_id()}

    def true_false(statement: str, answer: str, if_true: str, if_false: str):
        value = {
            "question": statement,
            "answer": answer,
            "feedback_true": if_true,
            "feedback_false": if_false,
            "explanation": "",
        }
        return {"type": "true_false", "value": value, "id": block_id()}

    return [
        choice(
            "scenario",
            "Vad gör du först?",
            [
                ("Berättar för min chef och dokumenterar.", True, "Rätt. Chefen ska veta."),
                ("Håller det för mig själv.", False, "Fel. Du ska inte bära det ensam."),
                ("Ändrar beslutet för att få lugn.", False, "Fel. Påtryckningar styr inte."),
            ],
            "Påtryckningar ska alltid lyftas med chefen.",
            situation=f"Någon hör av sig gång på gång om {topic} och antyder att du bör ändra dig.",
        ),
        choice(
            "single_choice",
            f"Vem ansvarar för stödet när du utsätts i frågor om {topic}?",
            [
                ("Arbetsgivaren, genom din chef.", True, "Rätt. Det är arbetsmiljöansvaret."),
                ("Du själv.", False, "Fel. Arbetsgivaren har ansvaret."),
                ("Polisen.", False, "Fel. Stödet kommer från arbetsgivaren."),
            ],
            "Arbetsgivaren har arbetsmiljöansvaret.",
        ),
        true_false(
            f"Otillåten påverkan om {topic} kan finnas även utan brott.",
            "true",
            "Rätt. Trakasserier räcker.",
            "Fel. Påverkan behöver inte vara ett brott.",
        ),
        choice(
            "multiple_choice",
            f"Vilka steg ingår i rutinen vid {topic}?",
            [
                ("Dokumentera händelsen.", True, "Rätt."),
                ("Rapportera i incidentsystemet.", True, "Rätt."),
                ("Radera meddelandena.", False, "Fel. Spara dem."),
                ("Vänta och se.", False, "Fel. Agera tidigt."),
            ],
            "Dokumentera och rapportera.",
        ),
        choice(
            "single_choice",
            f"Varför rapportera även små händelser om {topic}?",
            [
                ("Så att mönster upptäcks.", True, "Rätt."),
                ("För att få ersättning.", False, "Fel."),
                ("Det behövs inte.", False, "Fel. Små händelser kan vara ett mönster."),
            ],
            "Mönster syns bara om allt rapporteras.",
        ),
        true_false(
            "Du måste vara säker på att det är ett brott innan du rapporterar.",
            "false",
            "Fel. Rapportera ändå.",
            "Rätt. Misstanke räcker.",
        ),
    ]


def generate(
    *, employees: int, seed: int = 1, password: str | None = None, today: date | None = None
) -> DatasetResult:
    """Build the organisation and its history. Call inside a transaction, on a database
    without generated data (see `delete_generated_data`)."""
    if employees < MIN_EMPLOYEES:
        raise ValueError(f"at least {MIN_EMPLOYEES} employees are needed")
    generator = _Generator(
        employees=employees, seed=seed, password=password, today=today or timezone.localdate()
    )
    roles = generator.build_roles()
    enheter = generator.build_units()
    generator.build_people(roles, enheter)
    courses = generator.build_site(roles)
    generator.build_history(courses)
    generator.build_sessions(courses)
    generator.write()
    statuses = recompute_compliance(today=generator.today)
    return DatasetResult(
        counts={
            "employees": len(generator.employees.rows),
            "units": len(generator.units.rows),
            "roles": len(roles),
            "courses": len(courses),
            "modules": sum(len(course.modules) for course in courses),
            "attempts": len(generator.attempts.rows),
            "answers": len(generator.answers.rows),
            "module_completions": len(generator.module_completions.rows),
            "module_progress": len(generator.progress.rows),
            "course_completions": len(generator.course_completions.rows),
            "sessions": len(generator.sessions.rows),
            "bookings": len(generator.bookings.rows),
            "attendances": len(generator.attendances.rows),
            "compliance": statuses,
        }
    )


def analyze() -> None:
    """Fresh planner statistics after a bulk load, so benchmarks see realistic plans."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
