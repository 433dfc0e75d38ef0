"""The authorization matrix: every URL pattern, anonymous and each group, against matrix.md.

The test walks Django's resolver, fills each pattern with real objects of the demo site (other
people's attempts, certificates, units…, so per-object refusals are exercised), requests it by
GET as anonymous and as each demo login, and compares the outcome with tests/authorization/
matrix.md. A pattern the walk finds that the file does not cover fails the test, and so does a
row that no longer matches a pattern. All mismatches are reported together in one message.

The same walk checks who-saw-whom: every page or file that answers 200 to a group that may see
other people, and names other demo employees (full name or employee number), must have
recorded an access naming each of them (`people.access_log.record_access`). A new view that
shows people without recording them fails here.
"""

import fnmatch
import html
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from content.models import SiteSettings

MATRIX_FILE = Path(__file__).with_name("matrix.md")

# Anonymous, then one demo login per group (seed_demo's logins; `admin` is also superuser).
COLUMNS = [
    "anonymous",
    "Medarbetare",
    "Chef",
    "Kursansvarig",
    "HR",
    "Dataskyddsombud",
    "Administratör",
]
LOGINS = {
    "Medarbetare": "medarbetare",
    "Chef": "chef",
    "Kursansvarig": "samordnare",
    "HR": "hr",
    "Dataskyddsombud": "dataskydd",
    "Administratör": "admin",
}
# The groups whose pages may show other people: each 200 they get is checked for names.
WATCHED_COLUMNS = {"Chef", "Kursansvarig", "HR", "Dataskyddsombud", "Administratör"}

# Apps whose views must each have their own row; everything else under /admin/ may be covered
# by a rule. A view is ours when its code or its model lives in one of these apps, or when one
# of our wagtail_hooks registered it (the TOTP devices are django-otp's model).
OUR_APPS = {
    "content",
    "people",
    "identity",
    "courses",
    "quizzes",
    "certificates",
    "reports",
    "privacy",
    "jobs",
}
OUR_ADMIN_PREFIXES = ("admin/tvastegsverifiering/",)


@dataclass(frozen=True)
class Pattern:
    route: str  # the full pattern as Django shows it, the key of matrix.md
    name: str
    ours: bool


def _walk(patterns, prefix="", namespaces=()):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        else:
            yield prefix + str(entry.pattern), ":".join((*namespaces, entry.name or "")), entry


def _is_ours(route: str, callback) -> bool:
    view_class = getattr(callback, "view_class", None)
    module = (view_class or callback).__module__.split(".")[0]
    model = getattr(callback, "view_initkwargs", {}).get("model")
    if isinstance(model, str):
        app_label = model.split(".")[0].lower()
    else:
        app_label = model._meta.app_label if model is not None else ""
    return module in OUR_APPS or app_label in OUR_APPS or route.startswith(OUR_ADMIN_PREFIXES)


def url_patterns() -> list[Pattern]:
    return [
        Pattern(route, name, _is_ours(route, entry.callback))
        for route, name, entry in _walk(get_resolver().url_patterns)
    ]


# ---------------------------------------------------------------------------------- matrix.md


def _cells(line: str) -> list[str]:
    # Pipes inside a cell are written \| (regular expressions in Wagtail's routes).
    parts = re.split(r"(?<!\\)\|", line.strip().strip("|"))
    return [part.strip().replace("\\|", "|").strip("`") for part in parts]


def _table(text: str, heading: str) -> list[list[str]]:
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    return [_cells(line) for line in lines[2:]]  # after the header and its separator


@dataclass
class Matrix:
    rows: dict[tuple[str, str], dict[str, str]]  # (route, object) -> column -> outcome
    rules: list[tuple[str, dict[str, str]]]  # (glob over the route, column -> outcome)
    skipped: dict[str, str]  # route -> why it is not requested


def load_matrix() -> Matrix:
    text = MATRIX_FILE.read_text(encoding="utf-8")
    rows = {}
    for cells in _table(text, "URLs, one row each"):
        route, variant, *outcomes, _what = cells
        rows[(route.removeprefix("/"), variant)] = dict(zip(COLUMNS, outcomes, strict=True))
    rules = [
        (glob.removeprefix("/"), dict(zip(COLUMNS, outcomes, strict=True)))
        for glob, *outcomes in _table(text, "Wagtail's own admin, by rule")
    ]
    skipped = {route.removeprefix("/"): why for route, why in _table(text, "Not requested")}
    return Matrix(rows, rules, skipped)


# ---------------------------------------------------------------------------------- fixtures


@pytest.fixture
def demo(db):
    """The demo site, plus the objects of other people and units that the URLs are filled with."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from wagtail.documents.models import Document
    from wagtail.log_actions import log
    from wagtail.models import Page, PageViewRestriction

    from certificates.models import Certificate, CertificateExport
    from courses.demo import seed_demo
    from courses.models import AssignmentRule
    from identity.models import OIDCIdentity, ScimToken
    from identity.tokens import invitation_token_generator
    from people.models import Employee, OrgUnit, Role
    from quizzes.models import ModuleQuiz, QuizAttempt
    from reports.models import PeopleExport, ReportBundle
    from reports.tasks import build_people_export
    from sessions.models import Booking, CourseSession
    from tests.factories import StandardPageFactory

    seed_demo()
    _give_distinct_names()
    # A live worker, so /readyz answers 200 (it is 503 without one).
    from jobs.recovery import record_heartbeat

    record_heartbeat("matrix-worker", starting=True)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=LOGINS.values())}
    logins = set(LOGINS.values())
    # "Another employee": an ordinary employee outside the chef's unit, with a passed quiz.
    ifo = OrgUnit.objects.get(code="ifo")
    outside = Employee.objects.exclude(user__username__in=logins).exclude(
        org_unit__path__startswith=ifo.path
    )
    other_attempt = QuizAttempt.objects.filter(employee__in=outside).order_by("pk").first()
    other = other_attempt.employee
    own_attempt = QuizAttempt.objects.filter(employee__user=users["medarbetare"]).first()
    others = Certificate.objects.exclude(employee__user__username__in=logins).order_by("pk")
    certificates = {
        "inom chefens enhet": others.filter(employee__org_unit__path__startswith=ifo.path).first(),
        "utanför chefens enhet": others.exclude(
            employee__org_unit__path__startswith=ifo.path
        ).first(),
    }
    future = CourseSession.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at")
    session = future.first()
    Booking.objects.get_or_create(
        session=session,
        employee=users["medarbetare"].employee,
        defaults={"status": Booking.Status.CONFIRMED},
    )
    reset_user = other.user  # a user the test never signs in: signing in voids reset links
    invitee = Employee.objects.exclude(user__username__in=logins).exclude(pk=other.pk).first()
    invitee.user.set_unusable_password()
    invitee.user.save()
    document = Document.objects.create(
        title="Riktlinje", file=ContentFile(b"%PDF-1.4 test", name="riktlinje.pdf")
    )
    pages = {
        page.specific_class.__name__: page
        for page in Page.objects.live().filter(depth__gt=1).order_by("-path")
    }
    # A page of its own behind a password, for Wagtail's password form and the page it guards.
    restricted = StandardPageFactory(parent=pages["HomePage"], title="Skyddad", slug="skyddad")
    pages["lösenordsskyddad"] = restricted
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    module = ModuleQuiz.objects.order_by("pk").first().page
    today = timezone.localdate()
    objects = {
        "employee": other,
        "protected_employee": users["admin"].employee,
        # Another protected account: nobody pseudonymises themselves.
        "other_protected_employee": users["samordnare"].employee,
        "org_unit": OrgUnit.objects.get(code="adm"),  # not the chef's
        "chef_unit": ifo,
        "role": Role.objects.order_by("pk").first(),
        "scim_token": ScimToken.issue("Entra ID")[0],
        "oidc_identity": OIDCIdentity.objects.create(
            issuer="https://idp.example", subject="abc", user=other.user
        ),
        "totp_device": TOTPDevice.objects.create(user=other.user, name="Telefon"),
        "rule": AssignmentRule.objects.order_by("pk").first(),
        "session": session,
        "certificate": certificates["utanför chefens enhet"],
        "export": CertificateExport.objects.create(requested_by=users["admin"]),
        "bundle": ReportBundle.objects.create(
            requested_by=users["admin"], period_start=today - timedelta(days=365), period_end=today
        ),
    }
    # A change to the other employee in the site history, whose row is labelled with their name.
    log(instance=other, action="wagtail.edit")
    # Both files are the administrator's and ready: anyone else asking is refused by owner.
    for background_file in (objects["export"], objects["bundle"]):
        background_file.build("filer.zip", lambda spool: spool.write(b"PK\x05\x06" + bytes(18)))
    # A Personer export of the administrator's, built by the real task: it names people, so
    # its download must record them (who saw whom).
    objects["people_export"] = PeopleExport.objects.create(
        requested_by=users["admin"], export_format="xlsx"
    )
    build_people_export.call(objects["people_export"].pk)
    return {
        "objects": objects,
        "pages": pages,
        "module": module,
        "attempts": {"egen": own_attempt, "annans": other_attempt},
        "certificates": certificates,
        "document": document,
        "restriction": restriction,
        "reset": (
            urlsafe_base64_encode(force_bytes(reset_user.pk)),
            default_token_generator.make_token(reset_user),
        ),
        "invitation": (
            urlsafe_base64_encode(force_bytes(invitee.user.pk)),
            invitation_token_generator.make_token(invitee.user),
        ),
        "users": users,
    }


def _give_distinct_names():
    """The demo draws names at random and may repeat one; who-saw-whom needs each name unique.

    Every employee outside the demo logins gets a first and last name pair of their own, and
    their certificates say the same name, so a name found on a page points at one person.
    """
    from certificates.models import Certificate
    from courses.demo import DEMO_LOGINS, FIRST_NAMES, LAST_NAMES
    from people.models import Employee

    logins = {login.username for login in DEMO_LOGINS}
    others = Employee.objects.exclude(user__username__in=logins).select_related("user")
    for index, employee in enumerate(others.order_by("pk")):
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[(index + index // len(FIRST_NAMES)) % len(LAST_NAMES)]
        employee.user.first_name, employee.user.last_name = first, last
        employee.user.save(update_fields=["first_name", "last_name"])
        Certificate.objects.filter(employee=employee).update(holder_name=f"{first} {last}")
    names = [e.full_name for e in Employee.objects.select_related("user")]
    assert len(names) == len(set(names)), "demo names must be unique for the who-saw-whom check"


# ---------------------------------------------------------------------------------- filling

# Which object fills <pk> under a prefix (longest prefix wins); the variants of a row.
PK_BY_PREFIX = {
    "admin/people/employees/": {"annan": "employee", "skyddad": "protected_employee"},
    "admin/dataskydd/pseudonymisera/": {"annan": "employee", "skyddad": "other_protected_employee"},
    "admin/people/org_units/": {"": "org_unit"},
    "admin/people/roles/": {"": "role"},
    "admin/scim-token/": {"": "scim_token"},
    "admin/inloggning/identiteter/": {"": "oidc_identity"},
    "admin/tvastegsverifiering/": {"": "totp_device"},
    "admin/tilldelning/": {"": "rule"},
    "admin/kurstillfallen/": {"": "session"},
    "admin/intyg/exporter/": {"": "export"},
    "admin/intyg/": {"": "certificate"},
    "kurstillfallen/": {"": "session"},
    "uppfoljning/rapporter/": {"": "bundle"},
    "uppfoljning/exporter/": {"": "people_export"},
}


def _pk_variants(route: str, demo) -> dict[str, int]:
    for prefix in sorted(PK_BY_PREFIX, key=len, reverse=True):
        if route.startswith(prefix):
            return {v: demo["objects"][key].pk for v, key in PK_BY_PREFIX[prefix].items()}
    return {"": 1}  # Wagtail's own object ids: checked by rule, a 404 for admins is fine


def _values(route: str, demo) -> dict[str, str]:
    """Values for the other parameters: real ones for our views, plausible ones for Wagtail's."""
    page = demo["pages"]["CoursePage"].pk
    uid, token = demo["invitation"] if route.startswith("konto/inbjudan/") else demo["reset"]
    return {
        "module_id": str(demo["module"].pk),
        "code": demo["objects"]["certificate"].code,
        "export_format": "xlsx",
        "uidb64": uid,
        "token": token,
        "page_id": str(page),
        "parent_page_id": str(page),
        "page_pk": str(page),
        "page_to_move_id": str(page),
        "destination_id": str(demo["pages"]["CourseIndexPage"].pk),
        "page_view_restriction_id": str(demo["restriction"].pk),
        "restriction_id": str(demo["restriction"].pk),
        "document_id": str(demo["document"].pk),
        "doc_id": str(demo["document"].pk),
        "app_label": "people",
        "app_name": "people",
        "content_type_app_name": "people",
        "model_name": "employee",
        "content_type_model_name": "employee",
        "object_id": str(demo["objects"]["employee"].pk),
        "filter_spec": "original",
        "action_name": "move",
        "action": "move",
    }


def _fill(match, pk, values, ours: bool) -> str:
    converter, name = match.group(1), match.group(2)
    if name == "pk":
        return str(pk)
    if name not in values and converter == "int" and not ours:
        return "1"
    return values[name]


def concrete_urls(route: str, demo, ours: bool = True) -> dict[str, str]:
    """variant -> URL for one pattern; a pattern that cannot be filled raises KeyError.

    Our patterns need a real value for every parameter; Wagtail's own get id 1 where this
    module names no object (the rule only checks who gets in, not what they find).
    """
    pages = demo["pages"]
    special = {
        r"^((?:[\w\-]+/)*)$": {
            name: page.url for name, page in pages.items() if page.url is not None
        },
        r"^scim/v2(?:/(?P<path>.*))?$": {"": "/scim/v2/Users"},
        r"dokument/^(\d+)/(.*)$": {
            "": f"/dokument/{demo['document'].pk}/{demo['document'].filename}"
        },
        r"admin/^.*/$": {"": "/admin/finns-inte/"},
        r"admin/pages/^(?P<pk>\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\d+)"
        r"\.\.\.(?P<revision_id_b>live|latest|\d+)/$": {
            "": f"/admin/pages/{pages['CoursePage'].pk}/revisions/compare/earliest...latest/"
        },
    }
    if route in special:
        return special[route]
    if route == "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/":
        # Each confirmation names the people chosen: the other employee, or their account.
        other = demo["objects"]["employee"]
        urls = {
            action: f"/admin/bulk/auth/user/{action}/?id={other.user.pk}"
            for action in ("delete", "set_active_state", "assign_role")
        }
        return {**urls, "invite": f"/admin/bulk/people/employee/invite/?id={other.pk}"}
    if route in ("kunskapstest/<uuid:public_id>/", "kunskapstest/<uuid:public_id>/resultat/"):
        return {
            v: f"/{route.replace('<uuid:public_id>', str(a.public_id))}"
            for v, a in demo["attempts"].items()
        }
    if route.startswith("uppfoljning/personer/"):  # names people: whose unit matters
        base = "/" + route.replace("<str:export_format>", "xlsx")
        return {
            "": base,
            "chefens enhet": f"{base}?org_unit={demo['objects']['chef_unit'].pk}",
            "annan enhet": f"{base}?org_unit={demo['objects']['org_unit'].pk}",
        }
    if route == "intyg/<str:code>/pdf/":  # a PDF names its holder: whose matters
        return {v: f"/intyg/{c.code}/pdf/" for v, c in demo["certificates"].items()}
    values = _values(route, demo)
    urls = {}
    variants = _pk_variants(route, demo) if re.search(r"<(\w+:)?pk>", route) else {"": None}
    for variant, pk in variants.items():
        filled = re.sub(
            r"<(?:(\w+):)?(\w+)>",
            lambda m, pk=pk: _fill(m, pk, values, ours),
            route.replace("^", "").replace("$", ""),
        )
        if re.search(r"[()\\*?]", filled):
            raise KeyError(route)
        urls[variant] = "/" + filled
    return urls


# ---------------------------------------------------------------------------------- outcomes


def outcome(response) -> str:
    """`login` and `denied` name the two refusals by redirect; other redirects are `302`."""
    if response.status_code in (301, 302):
        target = urlsplit(response["Location"]).path
        if target in (reverse("login"), reverse("wagtailadmin_login")):
            return "login"
        if target == reverse("wagtailadmin_home"):
            return "denied"
        return "302"
    return str(response.status_code)


def matches(expected: str, actual: str) -> bool:
    if expected == "*":  # any answer but a server error
        return not actual.startswith("5")
    return actual in expected.split("|")


def _rule_for(route: str, matrix: Matrix):
    return next(
        (e for glob, e in matrix.rules if fnmatch.fnmatchcase("/" + route, "/" + glob)), None
    )


# ---------------------------------------------------------------------------------- who saw whom


def _body_text(response) -> str:
    """The text a person would read in the answer: HTML, JSON, CSV, XLSX cells, PDF, ZIP."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return _text_of(content, response.get("Content-Type", ""))


@dataclass
class WorkRoles:
    """Names shown for a person's work role rather than as data about them, left out of the
    walk: the site's published contacts (the security contact in the footer of every page),
    the signer block of a certificate (the name followed by the title, as the PDF prints them;
    in PDF answers only), and the choice of course leader on a session's form (the
    coordinators); nothing else. The signer's bare name is not left out: the demo signer is a
    demo employee, and a page naming her as a person must still be seen."""

    published: list[str]
    signer_block: re.Pattern | None

    @classmethod
    def of(cls, site_settings) -> "WorkRoles":
        name, title = site_settings.signer_name, site_settings.signer_title
        block = (
            re.compile(rf"{re.escape(name)}[ \t]*\n[ \t]*{re.escape(title)}")
            if name and title
            else None
        )
        return cls(published=[site_settings.security_contact_name], signer_block=block)

    def without(self, text: str, *, pdf: bool) -> str:
        for name in self.published:
            text = text.replace(name, "")
        if pdf and self.signer_block is not None:
            text = self.signer_block.sub("", text)
        # The leader field as rendered, and as the panel's template in the form's JSON.
        return re.sub(
            r'(<select name="leader"|"fieldName": "leader").*?</select>', "", text, flags=re.DOTALL
        )


def _text_of(content: bytes, content_type: str) -> str:
    if "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    if "pdf" in content_type:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError, PdfStreamError

        try:
            return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
        except (PdfReadError, PdfStreamError):  # the fixture's document is not a real PDF
            return content.decode("latin-1")
    if "zip" in content_type:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = []
            for name in archive.namelist():
                parts.append(name)
                if name.endswith(".pdf"):
                    parts.append(_text_of(archive.read(name), "application/pdf"))
            return "\n".join(parts)
    text = html.unescape(content.decode("utf-8", "replace"))
    # JSON in attributes and scripts may escape non-ASCII letters.
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


class PeopleFinder:
    """Finds demo employees in a text by full name or employee number (or its username)."""

    def __init__(self):
        from people.models import Employee

        self.by_key = {}
        for employee in Employee.objects.select_related("user"):
            self.by_key[employee.full_name.lower()] = employee.pk
            self.by_key[employee.employee_number.lower()] = employee.pk
        keys = sorted(self.by_key, key=len, reverse=True)
        self.pattern = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(k) for k in keys) + r")(?!\w)", re.IGNORECASE
        )

    def find(self, text: str) -> set[int]:
        return {self.by_key[m.group(1).lower()] for m in self.pattern.finditer(text)}


def _people_recorded(user, after_id: int) -> set[int]:
    from people.models import PersonalDataAccessPerson

    return set(
        PersonalDataAccessPerson.objects.filter(
            access__pk__gt=after_id, access__viewer=user
        ).values_list("employee_id", flat=True)
    )


def _last_access_id() -> int:
    from people.models import PersonalDataAccess

    return PersonalDataAccess.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_every_url_answers_each_role_as_the_matrix_says(demo):
    matrix = load_matrix()
    patterns = url_patterns()
    clients = {"anonymous": Client(raise_request_exception=False)}
    for column, username in LOGINS.items():
        clients[column] = Client(raise_request_exception=False)
        clients[column].force_login(demo["users"][username])

    problems: list[str] = []
    unlogged: list[str] = []
    finder = PeopleFinder()
    site_settings = SiteSettings.objects.get()
    work_roles = WorkRoles.of(site_settings)
    own = {
        column: demo["users"][username].employee.pk
        for column, username in LOGINS.items()
        if hasattr(demo["users"][username], "employee")
    }
    seen_rows, seen_skips = set(), set()
    requests = checked = 0
    for pattern in patterns:
        if pattern.route in matrix.skipped:
            seen_skips.add(pattern.route)
            continue
        try:
            urls = concrete_urls(pattern.route, demo, pattern.ours)
        except KeyError as missing:
            problems.append(
                f"/{pattern.route} ({pattern.name}): cannot be filled ({missing}); add a value "
                "in test_matrix.py or list it under 'Not requested' in matrix.md with the reason"
            )
            continue
        for variant, url in urls.items():
            expected = matrix.rows.get((pattern.route, variant))
            if expected is not None:
                seen_rows.add((pattern.route, variant))
            elif pattern.ours:
                problems.append(
                    f"/{pattern.route} [{variant}] ({pattern.name}) has no row: add "
                    f"'| `/{pattern.route}` | {variant} | <{' | '.join(COLUMNS)}> | … |' under "
                    "'URLs, one row each' in tests/authorization/matrix.md"
                )
                expected = dict.fromkeys(COLUMNS, "*")
            else:
                expected = _rule_for(pattern.route, matrix)
                if expected is None:
                    problems.append(
                        f"/{pattern.route} ({pattern.name}) matches no row and no rule: add a "
                        "row under 'URLs, one row each' or a rule in tests/authorization/matrix.md"
                    )
                    continue
            for column in COLUMNS:
                cache.clear()  # rate limits must not turn a later request into a 429
                client = clients[column]
                # Logout URLs (Wagtail's answers GET) end the session: every request is made
                # signed in as the column says.
                if column != "anonymous" and "_auth_user_id" not in client.session:
                    client.force_login(demo["users"][LOGINS[column]])
                before = _last_access_id()
                response = client.get(url)
                actual = outcome(response)
                requests += 1
                if not matches(expected[column], actual):
                    problems.append(
                        f"/{pattern.route} [{variant}] GET {url} as {column}: "
                        f"expected {expected[column]}, got {actual}"
                    )
                if column in WATCHED_COLUMNS and response.status_code == 200:
                    checked += 1
                    text = work_roles.without(
                        _body_text(response),
                        pdf=bool(re.search(r"pdf|zip", response.get("Content-Type", ""))),
                    )
                    shown = finder.find(text) - {own.get(column)}
                    user = demo["users"][LOGINS[column]]
                    if missing := shown - _people_recorded(user, before):
                        unlogged.append(
                            f"/{pattern.route} [{variant}] GET {url} as {column} shows "
                            f"employees {sorted(missing)} without recording it"
                        )
    walked = {p.route for p in patterns}
    problems += [
        f"row /{route} [{variant}] matches no URL pattern any more: remove it from matrix.md"
        for route, variant in sorted(set(matrix.rows) - seen_rows)
    ]
    problems += [
        f"/{route} is listed under 'Not requested' but no such pattern exists"
        for route in sorted(set(matrix.skipped) - walked)
    ]
    summary = f"{len(patterns)} URL patterns, {requests} requests, {checked} checked for names"
    report = []
    if problems:
        report += [f"{len(problems)} differences from matrix.md:", *problems]
    # Who saw whom: every page that named other people recorded each of them.
    if unlogged:
        report += [
            f"{len(unlogged)} answers name people without a record in the access log (call "
            "people.access_log.record_access with the people shown):",
            *unlogged,
        ]
    assert not report, f"{summary}; " + "\n".join(report)
    # Every row was requested by every column (a walk that finds nothing must not pass).
    assert requests >= len(COLUMNS) * len(matrix.rows), summary


def test_only_a_certificates_signer_block_is_left_out_of_the_walk():
    """The signer's name as a person (on a page, in a list) is still looked for."""
    roles = WorkRoles.of(
        SimpleNamespace(
            security_contact_name="Leila Haddad, säkerhetssamordnare",
            signer_name="Leila Haddad",
            signer_title="Säkerhetssamordnare",
        )
    )
    certificate = "Giltig till och med\n \n Leila Haddad\n Säkerhetssamordnare\n \nVERIFIERINGSKOD"
    assert "Leila Haddad" not in roles.without(certificate, pdf=True)
    assert "Leila Haddad" not in roles.without(
        "Frågor? Leila Haddad, säkerhetssamordnare", pdf=False
    )
    assert "Leila Haddad" in roles.without("<td>Leila Haddad</td><td>Norrdalen</td>", pdf=False)
    assert "Leila Haddad" in roles.without("Leila Haddad\nAnställd sedan 2019", pdf=True)
    assert "Leila Haddad" in roles.without("Leila Haddad\nSäkerhetssamordnare", pdf=False)
