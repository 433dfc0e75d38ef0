"""The register extract (art. 15): everything Vaksam holds about one person, as JSON and HTML.

`SECTIONS` is the declared mapping from the models that hold a person to the extract: each
section names the relations it reads (`Holding`), and its rows are read through exactly those
relations, so the mapping the completeness test checks is the one the extract uses. A model
that holds a person and is deliberately left out is in `EXCLUDED`, with the reason.

Rows never carry another person's data: where the person acted on someone else's record
(attendance they marked, a certificate they revoked, a log entry about someone else), the row
says what and when, not whom. No secret is included (no password hash, TOTP key or token).
"""

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import registry as log_actions
from wagtail.models import ModelLogEntry

from people.models import Employee
from privacy.plan import RecordType, record_types

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Holding:
    """One relation through which a model holds a person: `lookup` leads to the `subject`."""

    model: str  # "app_label.ModelName"
    lookup: str  # e.g. "employee", "attempt__employee", "user"
    subject: str = "employee"  # "employee" or "user"

    @property
    def model_class(self):
        return apps.get_model(self.model)

    @property
    def field(self) -> str:
        """The model's own field that starts the path (what the completeness walk finds)."""
        return self.lookup.split("__")[0]


@dataclass
class Context:
    """What one extract is built from, and what earlier sections found for later ones."""

    employee: Employee
    found: dict[str, list] = field(default_factory=dict)  # model label -> its rows' objects
    _about: dict[int, set[str]] | None = None

    @property
    def user(self):
        return self.employee.user

    @property
    def about(self) -> dict[int, set[str]]:
        """Content type id -> ids (as log entries store them) of the person's own records.

        Read after the sections that find those records (they come first in SECTIONS)."""
        if self._about is None:
            self._about = _about_ids(self)
        return self._about

    def subject(self, holding: Holding):
        return self.employee if holding.subject == "employee" else self.employee.user


@dataclass(frozen=True)
class Section:
    key: str  # the stable key in uppgifter.json
    title: str
    holding: Holding
    columns: tuple[tuple[str, str], ...]  # (row key, heading) shown in uppgifter.html
    row: Callable  # (object, Context) -> dict with at least "id"
    record_type: str = ""  # a key of privacy.plan; empty: see `kept`
    kept: str = ""  # how long, for records the retention plan does not list
    note: str = ""  # what the section leaves out and why
    related: tuple[str, ...] = ()  # select_related
    order_by: tuple[str, ...] = ("pk",)

    def queryset(self, context: Context) -> QuerySet:
        holding = self.holding
        subject = context.subject(holding)
        if subject is None:
            # No account (pseudonymised): `user=None` would match everyone else's empty keys.
            return holding.model_class._default_manager.none()
        queryset = holding.model_class._default_manager.filter(
            **{holding.lookup: subject}
        ).order_by(*self.order_by)
        # select_related() without names would follow every non-null key: only those asked for.
        return queryset.select_related(*self.related) if self.related else queryset

    def rows(self, context: Context) -> list[dict]:
        objects = list(self.queryset(context))
        context.found[self.holding.model] = [*context.found.get(self.holding.model, []), *objects]
        return [self.row(obj, context) for obj in objects]


# ------------------------------------------------------------------------------ row builders


def _page(page) -> str:
    return page.title if page is not None else ""


def _session(session) -> str:
    when = date_format(timezone.localtime(session.starts_at), "SHORT_DATETIME_FORMAT")
    return f"{session.course.title} {when}"


def _person(obj) -> dict:
    user = obj.user  # None once pseudonymised: the account, with the name, is gone
    return {
        "id": obj.pk,
        "first_name": user.first_name if user else "",
        "last_name": user.last_name if user else "",
        "email": user.email if user else "",
        "username": user.get_username() if user else "",
        "employee_number": obj.employee_number,
        "org_unit": f"{obj.org_unit.name} ({obj.org_unit.code})",
        "roles": sorted(role.name for role in obj.roles.all()),
        "manages": sorted(f"{unit.name} ({unit.code})" for unit in obj.manages.all()),
        "groups": sorted(group.name for group in user.groups.all()) if user else [],
        "is_active": obj.is_active and bool(user and user.is_active),
        "start_date": obj.start_date,
        "end_date": obj.end_date,
        "date_joined": user.date_joined if user else None,
        "last_login": user.last_login if user else None,
    }


def _attempt(obj, context):
    return {
        "id": obj.pk,
        "public_id": obj.public_id,
        "module": _page(obj.module),
        "started_at": obj.started_at,
        "submitted_at": obj.submitted_at,
        "questions": obj.question_count,
        "correct": obj.correct_count,
        "score": obj.score,
        "pass_mark": obj.pass_mark,
        "passed": obj.passed,
        "org_unit_code": obj.org_unit_code,
        "role_codes": obj.role_codes,
    }


def _answer(obj, context):
    # The question as the person saw it, from the attempt's own snapshot (read once above).
    attempts = {attempt.pk: attempt for attempt in context.found.get("quizzes.QuizAttempt", [])}
    attempt = attempts.get(obj.attempt_id)
    question = next(
        (q for q in (attempt.questions if attempt else []) if q.get("id") == obj.question_id), {}
    )
    options = {option["id"]: option["text"] for option in question.get("options", [])}
    return {
        "id": obj.pk,
        "attempt_id": obj.attempt_id,
        "question_id": obj.question_id,
        "question": question.get("question", ""),
        "selected": obj.selected,
        "selected_text": [options.get(choice, choice) for choice in obj.selected],
        "correct": obj.correct,
    }


def _log_entry_by(obj, context):
    # An entry about someone else says what the person did and when, not to whom.
    about_them = _is_about(obj, context)
    return {
        "id": obj.pk,
        "timestamp": obj.timestamp,
        "action": obj.action,
        "action_label": _action_label(obj.action),
        "object_type": str(obj.content_type.model_class()._meta.verbose_name)
        if obj.content_type_id and obj.content_type.model_class()
        else "",
        "object": obj.label if about_them else "",
        "data": obj.data if about_them else {},
    }


def _page_log_entry_by(obj, context):
    return {
        "id": obj.pk,
        "timestamp": obj.timestamp,
        "action": obj.action,
        "action_label": _action_label(obj.action),
        "page": obj.label,
    }


def _action_label(action: str) -> str:
    try:
        return str(log_actions.get_action_label(action))
    except KeyError:
        return action


SECTIONS: list[Section] = [
    Section(
        key="person",
        title=gettext_lazy("Du och ditt konto"),
        holding=Holding("people.Employee", "user", "user"),
        related=("user", "org_unit"),
        record_type="leavers",
        columns=(
            ("first_name", gettext_lazy("Förnamn")),
            ("last_name", gettext_lazy("Efternamn")),
            ("email", gettext_lazy("E-post")),
            ("username", gettext_lazy("Användarnamn")),
            ("employee_number", gettext_lazy("Anställningsnummer")),
            ("org_unit", gettext_lazy("Enhet")),
            ("roles", gettext_lazy("Roller")),
            ("manages", gettext_lazy("Chef för")),
            ("groups", gettext_lazy("Behörighetsgrupper")),
            ("is_active", gettext_lazy("Aktiv")),
            ("start_date", gettext_lazy("Anställningsdatum")),
            ("end_date", gettext_lazy("Slutdatum")),
            ("date_joined", gettext_lazy("Kontot skapat")),
            ("last_login", gettext_lazy("Senaste inloggning")),
        ),
        row=lambda obj, context: _person(obj),
    ),
    Section(
        key="admin_preferences",
        title=gettext_lazy("Inställningar i administrationen"),
        holding=Holding("wagtailusers.UserProfile", "user", "user"),
        record_type="leavers",
        columns=(
            ("preferred_language", gettext_lazy("Språk")),
            ("current_time_zone", gettext_lazy("Tidszon")),
            ("theme", gettext_lazy("Tema")),
            ("contrast", gettext_lazy("Kontrast")),
            ("density", gettext_lazy("Täthet")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "preferred_language": obj.preferred_language,
            "current_time_zone": obj.current_time_zone,
            "theme": obj.theme,
            "contrast": obj.contrast,
            "density": obj.density,
        },
    ),
    Section(
        key="sso_links",
        title=gettext_lazy("Kopplingar till inloggningstjänsten"),
        holding=Holding("identity.OIDCIdentity", "user", "user"),
        record_type="leavers",
        columns=(
            ("issuer", gettext_lazy("Utfärdare")),
            ("subject", gettext_lazy("Subjekt (sub)")),
            ("created_at", gettext_lazy("Kopplad")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "issuer": obj.issuer,
            "subject": obj.subject,
            "created_at": obj.created_at,
        },
    ),
    Section(
        key="scim",
        title=gettext_lazy("Uppgifter från personalsystemet (SCIM)"),
        holding=Holding("identity.ScimUser", "employee"),
        record_type="leavers",
        note=gettext_lazy("Chefen anges med sitt SCIM-id, utan namn."),
        order_by=("created_at", "id"),
        columns=(
            ("user_name", gettext_lazy("Användarnamn i SCIM")),
            ("external_id", gettext_lazy("Externt id")),
            ("title", gettext_lazy("Befattning")),
            ("emails", gettext_lazy("E-postadresser")),
            ("active", gettext_lazy("Aktiv enligt personalsystemet")),
            ("created_at", gettext_lazy("Skapad")),
            ("deprovisioned_at", gettext_lazy("Avregistrerad")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "user_name": obj.user_name,
            "external_id": obj.external_id,
            "title": obj.title,
            "emails": [email.get("value", "") for email in obj.emails if isinstance(email, dict)],
            "active": obj.active,
            "manager_id": obj.manager_id,
            "created_at": obj.created_at,
            "modified_at": obj.modified_at,
            "deprovisioned_at": obj.deprovisioned_at,
        },
    ),
    Section(
        key="totp_devices",
        title=gettext_lazy("Autentiseringsappar (tvåstegsverifiering)"),
        holding=Holding("otp_totp.TOTPDevice", "user", "user"),
        record_type="leavers",
        note=gettext_lazy("Bara namnen: nycklarna lämnas aldrig ut."),
        columns=(
            ("name", gettext_lazy("Namn")),
            ("confirmed", gettext_lazy("Aktiverad")),
            ("created_at", gettext_lazy("Skapad")),
            ("last_used_at", gettext_lazy("Senast använd")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "name": obj.name,
            "confirmed": obj.confirmed,
            "created_at": obj.created_at,
            "last_used_at": obj.last_used_at,
        },
    ),
    Section(
        key="module_progress",
        title=gettext_lazy("Lästa moduler"),
        holding=Holding("courses.ModuleProgress", "employee"),
        related=("module",),
        order_by=("first_opened_at", "pk"),
        record_type="module_progress",
        columns=(
            ("module", gettext_lazy("Modul")),
            ("first_opened_at", gettext_lazy("Först öppnad")),
            ("last_opened_at", gettext_lazy("Senast öppnad")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "module": _page(obj.module),
            "first_opened_at": obj.first_opened_at,
            "last_opened_at": obj.last_opened_at,
        },
    ),
    Section(
        key="quiz_attempts",
        title=gettext_lazy("Försök på kunskapstest"),
        holding=Holding("quizzes.QuizAttempt", "employee"),
        related=("module",),
        order_by=("started_at", "pk"),
        record_type="quiz_attempts",
        columns=(
            ("id", gettext_lazy("Försök")),
            ("module", gettext_lazy("Modul")),
            ("started_at", gettext_lazy("Påbörjat")),
            ("submitted_at", gettext_lazy("Inlämnat")),
            ("correct", gettext_lazy("Antal rätt")),
            ("questions", gettext_lazy("Antal frågor")),
            ("score", gettext_lazy("Resultat (procent)")),
            ("passed", gettext_lazy("Godkänt")),
            ("org_unit_code", gettext_lazy("Enhet vid försöket")),
        ),
        row=_attempt,
    ),
    Section(
        key="quiz_answers",
        title=gettext_lazy("Svar på kunskapstest"),
        holding=Holding("quizzes.QuizAnswer", "attempt__employee"),
        order_by=("attempt_id", "pk"),
        record_type="quiz_answers",
        columns=(
            ("attempt_id", gettext_lazy("Försök")),
            ("question", gettext_lazy("Fråga")),
            ("selected_text", gettext_lazy("Ditt svar")),
            ("correct", gettext_lazy("Rätt")),
        ),
        row=_answer,
    ),
    Section(
        key="module_completions",
        title=gettext_lazy("Klara moduler"),
        holding=Holding("courses.ModuleCompletion", "employee"),
        related=("module",),
        order_by=("completed_at", "pk"),
        record_type="completions",
        columns=(
            ("module", gettext_lazy("Modul")),
            ("completed_at", gettext_lazy("Klar")),
            ("score", gettext_lazy("Resultat (procent)")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "module": _page(obj.module),
            "completed_at": obj.completed_at,
            "score": obj.score,
        },
    ),
    Section(
        key="course_completions",
        title=gettext_lazy("Genomförda kurser"),
        holding=Holding("courses.CourseCompletion", "employee"),
        related=("course",),
        order_by=("completed_at", "pk"),
        record_type="completions",
        columns=(
            ("course", gettext_lazy("Kurs")),
            ("completed_at", gettext_lazy("Klar")),
            ("valid_until", gettext_lazy("Giltig till och med")),
            ("revoked_at", gettext_lazy("Återkallad")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "course": _page(obj.course),
            "completed_at": obj.completed_at,
            "valid_until": obj.valid_until,
            "revoked_at": obj.revoked_at,
        },
    ),
    Section(
        key="certificates",
        title=gettext_lazy("Intyg"),
        holding=Holding("certificates.Certificate", "employee"),
        order_by=("issued_at", "pk"),
        record_type="completions",
        columns=(
            ("course", gettext_lazy("Kurs")),
            ("code", gettext_lazy("Verifieringskod")),
            ("status", gettext_lazy("Status")),
            ("issued_at", gettext_lazy("Utfärdat")),
            ("valid_until", gettext_lazy("Giltigt till och med")),
            ("revoked_at", gettext_lazy("Återkallat")),
            ("revoked_reason", gettext_lazy("Skäl till återkallelse")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "course": obj.course_title,
            "holder": obj.holder_name,
            "modules": obj.module_titles,
            "code": obj.display_code,
            "status": str(obj.get_status_display()),
            "issued_at": obj.issued_at,
            "valid_until": obj.valid_until,
            "revoked_at": obj.revoked_at,
            "revoked_reason": obj.revoked_reason,
        },
    ),
    Section(
        key="bookings",
        title=gettext_lazy("Bokningar av kurstillfällen"),
        holding=Holding("course_sessions.Booking", "employee"),
        related=("session__course",),
        order_by=("created_at", "pk"),
        record_type="bookings",
        columns=(
            ("session", gettext_lazy("Kurstillfälle")),
            ("status", gettext_lazy("Status")),
            ("created_at", gettext_lazy("Bokad")),
            ("cancelled_at", gettext_lazy("Avbokad")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "session": _session(obj.session),
            "status": str(obj.get_status_display()),
            "created_at": obj.created_at,
            "cancelled_at": obj.cancelled_at,
        },
    ),
    Section(
        key="attendance",
        title=gettext_lazy("Närvaro"),
        holding=Holding("course_sessions.Attendance", "employee"),
        related=("session__course",),
        order_by=("marked_at", "pk"),
        record_type="attendance",
        columns=(
            ("session", gettext_lazy("Kurstillfälle")),
            ("status", gettext_lazy("Närvaro")),
            ("marked_at", gettext_lazy("Registrerad")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "session": _session(obj.session),
            "status": str(obj.get_status_display()),
            "marked_at": obj.marked_at,
        },
    ),
    Section(
        key="compliance",
        title=gettext_lazy("Status för tilldelade kurser"),
        holding=Holding("courses.ComplianceStatus", "employee"),
        related=("course",),
        order_by=("course__title", "pk"),
        kept=gettext_lazy(
            "Räknas om från genomförda kurser och tilldelningsregler; finns så länge kursen "
            "är tilldelad dig."
        ),
        columns=(
            ("course", gettext_lazy("Kurs")),
            ("status", gettext_lazy("Status")),
            ("due_date", gettext_lazy("Klar senast")),
            ("valid_until", gettext_lazy("Giltig till och med")),
            ("last_activity", gettext_lazy("Senaste aktivitet")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "course": _page(obj.course),
            "status": str(obj.get_status_display()),
            "due_date": obj.due_date,
            "valid_until": obj.valid_until,
            "last_activity": obj.last_activity,
            "updated_at": obj.updated_at,
        },
    ),
    Section(
        key="reminders",
        title=gettext_lazy("Skickade påminnelser"),
        holding=Holding("courses.ReminderLog", "employee"),
        related=("course",),
        order_by=("sent_at", "pk"),
        record_type="reminders",
        columns=(
            ("kind", gettext_lazy("Typ")),
            ("course", gettext_lazy("Kurs")),
            ("sent_at", gettext_lazy("Skickad")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "kind": str(obj.get_kind_display()),
            "course": _page(obj.course),
            "days_before": obj.days_before,
            "sent_at": obj.sent_at,
        },
    ),
    Section(
        key="sessions_led",
        title=gettext_lazy("Kurstillfällen du leder"),
        holding=Holding("course_sessions.CourseSession", "leader"),
        related=("course",),
        order_by=("starts_at", "pk"),
        record_type="bookings",
        note=gettext_lazy("Deltagarna är deras egna uppgifter och ingår inte här."),
        columns=(
            ("course", gettext_lazy("Kurs")),
            ("starts_at", gettext_lazy("Börjar")),
            ("format", gettext_lazy("Form")),
            ("location", gettext_lazy("Plats")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "course": _page(obj.course),
            "starts_at": obj.starts_at,
            "ends_at": obj.ends_at,
            "format": str(obj.get_format_display()),
            "location": obj.location,
        },
    ),
    Section(
        key="attendance_marked",
        title=gettext_lazy("Närvaro du har registrerat"),
        holding=Holding("course_sessions.Attendance", "marked_by", "user"),
        related=("session__course",),
        order_by=("marked_at", "pk"),
        record_type="attendance",
        note=gettext_lazy("Vilka deltagarna var är deras egna uppgifter och ingår inte här."),
        columns=(
            ("session", gettext_lazy("Kurstillfälle")),
            ("marked_at", gettext_lazy("Registrerad")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "session": _session(obj.session),
            "marked_at": obj.marked_at,
        },
    ),
    Section(
        key="certificates_revoked",
        title=gettext_lazy("Intyg du har återkallat"),
        holding=Holding("certificates.Certificate", "revoked_by", "user"),
        order_by=("revoked_at", "pk"),
        record_type="completions",
        note=gettext_lazy("Vems intyget var ingår inte här."),
        columns=(
            ("course", gettext_lazy("Kurs")),
            ("revoked_at", gettext_lazy("Återkallat")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "course": obj.course_title,
            "revoked_at": obj.revoked_at,
        },
    ),
    Section(
        key="certificate_exports",
        title=gettext_lazy("Intygsexporter du har beställt"),
        holding=Holding("certificates.CertificateExport", "requested_by", "user"),
        order_by=("requested_at", "pk"),
        record_type="generated_files",
        columns=(
            ("requested_at", gettext_lazy("Beställd")),
            ("description", gettext_lazy("Urval")),
            ("certificates", gettext_lazy("Antal intyg")),
            ("state", gettext_lazy("Status")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "requested_at": obj.requested_at,
            "description": obj.description,
            "certificates": len(obj.certificate_ids),
            "state": str(obj.get_state_display()),
        },
    ),
    Section(
        key="report_bundles",
        title=gettext_lazy("Rapportpaket du har beställt"),
        holding=Holding("reports.ReportBundle", "requested_by", "user"),
        order_by=("requested_at", "pk"),
        record_type="generated_files",
        columns=(
            ("requested_at", gettext_lazy("Beställd")),
            ("period_start", gettext_lazy("Från")),
            ("period_end", gettext_lazy("Till")),
            ("state", gettext_lazy("Status")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "requested_at": obj.requested_at,
            "period_start": obj.period_start,
            "period_end": obj.period_end,
            "units": len(obj.unit_ids),
            "state": str(obj.get_state_display()),
        },
    ),
    Section(
        key="people_exports",
        title=gettext_lazy("Exporter av personer du har beställt"),
        holding=Holding("reports.PeopleExport", "requested_by", "user"),
        order_by=("requested_at", "pk"),
        record_type="generated_files",
        columns=(
            ("requested_at", gettext_lazy("Beställd")),
            ("export_format", gettext_lazy("Format")),
            ("rows", gettext_lazy("Rader")),
            ("state", gettext_lazy("Status")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "requested_at": obj.requested_at,
            "export_format": obj.export_format.upper(),
            "rows": obj.rows,
            "state": str(obj.get_state_display()),
        },
    ),
    Section(
        key="page_comments",
        title=gettext_lazy("Dina kommentarer i sidredigeraren"),
        holding=Holding("wagtailcore.Comment", "user", "user"),
        related=("page",),
        order_by=("created_at", "pk"),
        kept=gettext_lazy("Så länge sidan finns."),
        columns=(
            ("page", gettext_lazy("Sida")),
            ("text", gettext_lazy("Text")),
            ("created_at", gettext_lazy("Skriven")),
            ("resolved_at", gettext_lazy("Löst")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "page": _page(obj.page),
            "text": obj.text,
            "created_at": obj.created_at,
            "resolved_at": obj.resolved_at,
        },
    ),
    Section(
        key="page_comment_replies",
        title=gettext_lazy("Dina svar på kommentarer i sidredigeraren"),
        holding=Holding("wagtailcore.CommentReply", "user", "user"),
        related=("comment__page",),
        order_by=("created_at", "pk"),
        kept=gettext_lazy("Så länge sidan finns."),
        columns=(
            ("page", gettext_lazy("Sida")),
            ("text", gettext_lazy("Text")),
            ("created_at", gettext_lazy("Skrivet")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "page": _page(obj.comment.page),
            "text": obj.text,
            "created_at": obj.created_at,
        },
    ),
    Section(
        key="page_comments_resolved",
        title=gettext_lazy("Kommentarer du har markerat som lösta"),
        holding=Holding("wagtailcore.Comment", "resolved_by", "user"),
        related=("page",),
        order_by=("resolved_at", "pk"),
        kept=gettext_lazy("Så länge sidan finns."),
        note=gettext_lazy("Kommentarens text och skribent ingår inte här."),
        columns=(("page", gettext_lazy("Sida")), ("resolved_at", gettext_lazy("Löst"))),
        row=lambda obj, context: {
            "id": obj.pk,
            "page": _page(obj.page),
            "resolved_at": obj.resolved_at,
        },
    ),
    Section(
        key="page_log_by",
        title=gettext_lazy("Ändringar du har gjort i kursinnehållet"),
        holding=Holding("wagtailcore.PageLogEntry", "user", "user"),
        order_by=("timestamp", "pk"),
        record_type="audit_log",
        columns=(
            ("timestamp", gettext_lazy("Tid")),
            ("action_label", gettext_lazy("Händelse")),
            ("page", gettext_lazy("Sida")),
        ),
        row=_page_log_entry_by,
    ),
    Section(
        key="access_about",
        title=gettext_lazy("När någon annan har sett dina uppgifter"),
        holding=Holding("people.PersonalDataAccessPerson", "employee"),
        related=("access",),
        order_by=("accessed_at", "pk"),
        record_type="access_log",
        note=gettext_lazy(
            "Vad som visades, när och varför. Namnet på den medarbetare som tittade ingår inte "
            "(EU-domstolen, mål C-579/21); dataskyddsombudet kan se det i loggen och svara på "
            "frågor om en viss åtkomst."
        ),
        columns=(
            ("accessed_at", gettext_lazy("Tid")),
            ("description", gettext_lazy("Vad som visades")),
            ("purpose", gettext_lazy("Syfte")),
            ("kind", gettext_lazy("Visning eller export")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "accessed_at": obj.accessed_at,
            "description": obj.access.description,
            "purpose": obj.access.get_purpose_display(),
            "kind": obj.access.get_kind_display(),
        },
    ),
    Section(
        key="access_by",
        title=gettext_lazy("Uppgifter om andra som du har sett eller exporterat"),
        holding=Holding("people.PersonalDataAccess", "viewer", "user"),
        order_by=("accessed_at", "pk"),
        record_type="access_log",
        note=gettext_lazy("Vad och när, och hur många personer; inte vilka."),
        columns=(
            ("accessed_at", gettext_lazy("Tid")),
            ("description", gettext_lazy("Vad som visades")),
            ("people_count", gettext_lazy("Antal personer")),
        ),
        row=lambda obj, context: {
            "id": obj.pk,
            "accessed_at": obj.accessed_at,
            "description": obj.description,
            "people_count": obj.people_count,
        },
    ),
    Section(
        key="admin_log_by",
        title=gettext_lazy("Vad du har gjort i administrationen"),
        holding=Holding("wagtailcore.ModelLogEntry", "user", "user"),
        related=("content_type",),
        order_by=("timestamp", "pk"),
        record_type="audit_log",
        note=gettext_lazy(
            "När händelsen gällde någon annan anges bara vad och när, inte vem den gällde."
        ),
        columns=(
            ("timestamp", gettext_lazy("Tid")),
            ("action_label", gettext_lazy("Händelse")),
            ("object_type", gettext_lazy("Gäller")),
            ("object", gettext_lazy("Vad")),
        ),
        row=_log_entry_by,
    ),
]


OWN_RECORDS_LOGGED = (
    "certificates.Certificate",
    "otp_totp.TOTPDevice",
    "identity.ScimUser",
    "identity.OIDCIdentity",
)


def _about_ids(context: Context) -> dict[int, set[str]]:
    user_model = get_user_model()
    records = {Employee: [context.employee.pk]}
    if context.user is not None:
        records[user_model] = [context.user.pk]
    for label in OWN_RECORDS_LOGGED:
        # Certificates are found both as the person's own and as ones they revoked.
        records[apps.get_model(label)] = [
            obj.pk for obj in context.found.get(label, []) if _owns(obj, context)
        ]
    types = ContentType.objects.get_for_models(*records, for_concrete_models=False)
    return {types[model].pk: {str(pk) for pk in ids} for model, ids in records.items()}


def _owns(obj, context) -> bool:
    user_pk = context.user.pk if context.user is not None else None
    return getattr(obj, "employee_id", context.employee.pk) == context.employee.pk and (
        getattr(obj, "user_id", user_pk) == user_pk
    )


def _is_about(entry, context) -> bool:
    return str(entry.object_id) in context.about.get(entry.content_type_id, set())


def log_entries_about(context: Context) -> list[dict]:
    """Wagtail log entries about the person or their own records, whoever made them.

    Here the actor is named: who changed or looked at one's data is part of the answer."""
    condition = Q(pk__in=[])
    for type_id, ids in context.about.items():
        if ids:
            condition |= Q(content_type_id=type_id, object_id__in=ids)
    entries = (
        ModelLogEntry.objects.filter(condition)
        .select_related("user", "content_type")
        .order_by("timestamp", "pk")
    )
    return [
        {
            "id": entry.pk,
            "timestamp": entry.timestamp,
            "action": entry.action,
            "action_label": _action_label(entry.action),
            "object": entry.label,
            "by": (entry.user.get_full_name() or entry.user.get_username()) if entry.user else "",
            "data": entry.data,
        }
        for entry in entries
    ]


LOG_ABOUT = {
    "key": "admin_log_about",
    "title": gettext_lazy("Vem som har ändrat, visat eller exporterat dina uppgifter"),
    "record_type": "audit_log",
    "columns": (
        ("timestamp", gettext_lazy("Tid")),
        ("action_label", gettext_lazy("Händelse")),
        ("object", gettext_lazy("Gäller")),
        ("by", gettext_lazy("Av")),
    ),
}


# ---------------------------------------------------------------------------- what is left out

# Models that hold a person (or, through one hop, a record of a person) and are deliberately not
# in the extract, with the reason: (model label, field) -> reason. The completeness test fails
# for any holding neither covered by a section nor listed here.
EXCLUDED: dict[tuple[str, str], str] = {
    ("wagtailcore.Page", "owner"): "Authorship of course pages: the pages are the "
    "organisation's content; every creation and edit is in the page log entries by the person.",
    ("wagtailcore.Page", "locked_by"): "A page lock held while editing; the lock and unlock "
    "are in the page log entries by the person.",
    ("wagtailcore.Revision", "user"): "Saved versions of pages and snippets: the content is the "
    "organisation's; each save is in the log entries by the person.",
    ("wagtailcore.WorkflowState", "requested_by"): "Moderation workflows are not used; a "
    "request would also be in the page log entries.",
    ("wagtailcore.TaskState", "finished_by"): "Moderation workflows are not used; an approval "
    "would also be in the page log entries.",
    ("wagtailcore.PageSubscription", "user"): "Whether the editor e-mails the person about "
    "comments on a page: an editor setting, removed with the account.",
    ("wagtailadmin.EditingSession", "user"): "Who has a page open in the editor right now; "
    "Wagtail deletes these after minutes.",
    ("wagtailadmin.FormState", "user"): "Unsaved form state of the editor, short-lived.",
    ("wagtailcore.APIToken", "user"): "Not used by Vaksam (no API tokens are issued).",
    ("wagtailcore.UploadedFile", "uploaded_by_user"): "A temporary upload of the editor, "
    "deleted once the image or document is saved.",
    ("wagtaildocs.Document", "uploaded_by_user"): "Documents are the organisation's content; "
    "the upload is in the log entries by the person.",
    ("wagtailimages.Image", "uploaded_by_user"): "Images are the organisation's content; the "
    "upload is in the log entries by the person.",
    ("certificates.Certificate", "completion"): "The same certificates as through `employee` "
    "(a certificate belongs to whoever completed the course).",
    ("course_sessions.Booking", "session"): "Bookings of a session the person leads are the "
    "participants' own data.",
    ("course_sessions.Attendance", "session"): "Attendance at a session the person leads is the "
    "participants' own data.",
    (
        "course_sessions.SessionTally",
        "session",
    ): "Counts of a thinned session's participants per unit "
    "and roles (the retention job's), no person in them.",
    ("people.PersonalDataAccessPerson", "access"): "Whom the person saw in their work: those "
    "people's data (the person's own accesses are in `access_by`, with how many were shown).",
    ("identity.ScimUser", "manager"): "The SCIM records of the people who report to the person "
    "are those people's data.",
    ("wagtailcore.CommentReply", "comment"): "Others' replies to the person's comments are "
    "the repliers' data.",
}

# Models that hold a person without a relation the walk can see, with the reason.
EXCLUDED_WITHOUT_RELATION: dict[str, str] = {
    "sessions.Session": "The signed-in session: a credential (its key logs the person in), kept "
    "until logout or SESSION_ABSOLUTE_LIFETIME; it holds no data beyond the account's id.",
    "django_tasks_database.DBTaskResult": "Background jobs carry record ids, not personal data, "
    "and the results are pruned; the records they act on are covered.",
}


# ------------------------------------------------------------------------------------ building


@dataclass
class Extract:
    employee: Employee
    produced_at: datetime
    sections: list[dict]  # key, title, record_type, kept, note, columns, rows
    purposes: list[RecordType]
    controller: str = ""

    def as_json(self) -> dict:
        return {
            "format": "vaksam-registerutdrag",
            "version": FORMAT_VERSION,
            "produced_at": self.produced_at,
            "controller": self.controller,
            "employee_number": self.employee.employee_number,
            **{section["key"]: _json_value(section) for section in self.sections},
            "purposes_and_retention": [
                {
                    "key": kind.key,
                    "label": str(kind.label),
                    "holds": str(kind.holds),
                    "purpose": str(kind.purpose),
                    "retention": kind.period,
                    "counted_from": str(kind.counted_from),
                    "then": str(kind.then),
                }
                for kind in self.purposes
            ],
        }

    def __iter__(self):
        return iter(self.sections)


def _json_value(section: dict):
    # The person is one object; everything else is a list of records.
    return section["rows"][0] if section["key"] == "person" else section["rows"]


def build(employee: Employee, *, controller: str = "") -> Extract:
    """Everything held about the employee, in a constant number of queries."""
    employee = (
        Employee.objects.select_related("user", "org_unit")
        .prefetch_related("roles", "manages", "user__groups")
        .get(pk=employee.pk)
    )
    context = Context(employee=employee)
    kinds = {kind.key: kind for kind in record_types()}
    sections = []
    for section in SECTIONS:
        if section.key == "person":  # read above, with its roles, units and groups
            context.found["people.Employee"] = [employee]
            rows = [section.row(employee, context)]
        else:
            rows = section.rows(context)
        sections.append(_described(section.key, section.title, section, kinds, rows))
    about_rows = log_entries_about(context)
    sections.append(
        _described(LOG_ABOUT["key"], LOG_ABOUT["title"], None, kinds, about_rows, LOG_ABOUT)
    )
    return Extract(
        employee=employee,
        produced_at=timezone.now(),
        sections=sections,
        purposes=list(kinds.values()),
        controller=controller,
    )


def _described(key, title, section, kinds, rows, spec=None) -> dict:
    record_type = section.record_type if section else spec["record_type"]
    kind = kinds.get(record_type)
    return {
        "key": key,
        "title": str(title),
        "record_type": record_type,
        "purpose": str(kind.purpose) if kind else "",
        "kept": kind.period if kind else str(section.kept),
        "then": str(kind.then) if kind else "",
        "note": str(section.note) if section else "",
        "columns": [
            (k, str(label)) for k, label in (section.columns if section else spec["columns"])
        ],
        "rows": rows,
    }


# ---------------------------------------------------------------------------------- the files


def display(value) -> str:
    """One value as a person reads it in uppgifter.html."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, list | tuple):
        return ", ".join(display(item) for item in value) or "–"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {display(v)}" for k, v in value.items()) or "–"
    return str(value)


def render_html(extract: Extract) -> str:
    sections = []
    for section in extract:
        table = [
            [display(row.get(key)) for key, _label in section["columns"]] for row in section["rows"]
        ]
        labels = [label for _key, label in section["columns"]]
        labelled = list(zip(labels, table[0], strict=True)) if table else []
        sections.append({**section, "table": table, "labelled": labelled})
    return render_to_string(
        "privacy/register_extract_file.html",
        {
            "extract": extract,
            "person": extract.sections[0]["rows"][0],
            "sections": sections,
        },
    )


def file_name(extract: Extract) -> str:
    number = slugify(extract.employee.employee_number) or str(extract.employee.pk)
    return f"registerutdrag-{number}-{timezone.localdate(extract.produced_at):%Y%m%d}.zip"


def zip_bytes(extract: Extract) -> bytes:
    """uppgifter.json and uppgifter.html in one ZIP."""
    data = json.dumps(extract.as_json(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("uppgifter.json", data)
        archive.writestr("uppgifter.html", render_html(extract))
    return buffer.getvalue()
