"""The register extract: complete (every model holding a person is covered or excluded with a
reason), correct for a person with every kind of record, and never about anyone else."""

import io
import json
import zipfile
from datetime import timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.test.utils import CaptureQueriesContext, isolate_apps
from django.utils import timezone
from wagtail.log_actions import log

from courses.models import ReminderLog
from people.models import Employee
from privacy import extract
from privacy.extract import EXCLUDED, EXCLUDED_WITHOUT_RELATION, SECTIONS
from quizzes.models import QuizAnswer, QuizAttempt
from sessions.models import Attendance, Booking, CourseSession
from tests.factories import EmployeeFactory


def _subjects():
    return {Employee, get_user_model()}


def _relations_to(model_set, candidates) -> set[tuple[str, str]]:
    """(label, field) of every relation declared on a candidate that points into model_set.

    Inherited fields count once, on the model that declares them (Page, not each page type)."""
    found = set()
    for model in candidates:
        for field in model._meta.get_fields():
            if not (field.concrete and field.is_relation) or field.model is not model:
                continue
            if field.related_model in model_set:
                found.add((model._meta.label, field.name))
    return found


def person_relations(candidates) -> set[tuple[str, str]]:
    """Every relation by which a model holds a person: directly (a FK, O2O or M2M to Employee
    or to the user model), or through one hop to a record the extract covers (QuizAnswer ->
    QuizAttempt -> Employee). Hops through deliberately excluded records (a page someone owns)
    are not followed: what hangs off a course page is not about the page's author."""
    candidates = list(candidates)
    subjects = _subjects()
    direct = _relations_to(subjects, [m for m in candidates if m not in subjects])
    covered_models = {apps.get_model(section.holding.model) for section in SECTIONS}
    holders = {
        model
        for model in candidates
        if model._meta.label in {label for label, _field in direct}
        and model in covered_models
        and model not in subjects
    }
    return direct | _relations_to(holders, candidates)


def declared() -> set[tuple[str, str]]:
    return {(section.holding.model, section.holding.field) for section in SECTIONS}


def uncovered(relations) -> set[tuple[str, str]]:
    return set(relations) - declared() - set(EXCLUDED)


# ---------------------------------------------------------------------- the walk and the mapping


def test_every_model_holding_a_person_is_in_the_extract_or_excluded_with_a_reason():
    missing = uncovered(person_relations(apps.get_models()))
    assert not missing, (
        "These relations hold a person but the register extract neither covers them (a Section "
        f"in privacy/extract.py) nor excludes them with a reason (EXCLUDED): {sorted(missing)}"
    )


def test_the_walk_finds_known_holders_directly_and_through_one_hop():
    """The walk is not empty: it finds our models, Wagtail's and django-otp's, and a hop."""
    relations = person_relations(apps.get_models())
    for known in [
        ("course_sessions.Booking", "employee"),
        ("identity.OIDCIdentity", "user"),
        ("otp_totp.TOTPDevice", "user"),
        ("wagtailcore.ModelLogEntry", "user"),
        ("quizzes.QuizAnswer", "attempt"),  # one hop: QuizAnswer -> QuizAttempt -> Employee
        ("course_sessions.Attendance", "marked_by"),
    ]:
        assert known in relations


def test_a_new_model_with_a_key_to_employee_that_the_extract_forgets_fails_the_check():
    with isolate_apps("privacy"):

        class Forgotten(models.Model):  # noqa: DJ008 - a model only to be walked
            employee = models.ForeignKey(Employee, on_delete=models.CASCADE)

            class Meta:
                app_label = "privacy"

        class ForgottenChild(models.Model):  # noqa: DJ008 - hangs off a covered record
            attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE)

            class Meta:
                app_label = "privacy"

        missing = uncovered(person_relations([*apps.get_models(), Forgotten, ForgottenChild]))
    assert missing == {("privacy.Forgotten", "employee"), ("privacy.ForgottenChild", "attempt")}


def test_every_exclusion_names_a_relation_that_exists_and_gives_a_reason():
    """The list stays true: an exclusion whose model went away, or a bare one, fails."""
    relations = person_relations(apps.get_models())
    assert set(EXCLUDED) <= relations
    assert not set(EXCLUDED) & declared()
    for label, reason in [*EXCLUDED.items(), *EXCLUDED_WITHOUT_RELATION.items()]:
        assert len(reason) > 30, label
    for label in EXCLUDED_WITHOUT_RELATION:
        assert apps.get_model(label)


# ------------------------------------------------------------------------- the contents


def _json(employee) -> dict:
    return _files(employee)[0]


def _files(employee) -> tuple[dict, str]:
    data = extract.zip_bytes(extract.build(employee, controller="Exempelby kommun"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["uppgifter.html", "uppgifter.json"]
        return (
            json.loads(archive.read("uppgifter.json")),
            archive.read("uppgifter.html").decode(),
        )


def _ids(value) -> set:
    rows = [value] if isinstance(value, dict) else value
    return {str(row["id"]) for row in rows}


def test_every_declared_record_of_the_person_appears_in_the_json(full_person):
    """Each section's records, read straight from the database, are all in the file; the
    person's fixture has at least one of each, so a section that lost its rows fails."""
    data = _json(full_person)
    for section in SECTIONS:
        holding = section.holding
        subject = full_person if holding.subject == "employee" else full_person.user
        expected = {
            str(pk)
            for pk in holding.model_class._default_manager.filter(
                **{holding.lookup: subject}
            ).values_list("pk", flat=True)
        }
        assert expected, f"the fixture has no {holding.model} through {holding.lookup}"
        assert expected <= _ids(data[section.key]), section.key


def test_the_json_has_the_person_their_answers_and_log_entries_about_them(full_person):
    data = _json(full_person)
    person = data["person"]
    assert person["first_name"] == "Astrid"
    assert person["email"] == full_person.user.email
    assert person["employee_number"] == full_person.employee_number
    assert person["groups"] == ["Kursansvarig"]
    assert person["manages"] == [f"{full_person.org_unit.name} ({full_person.org_unit.code})"]
    assert person["start_date"] == full_person.start_date.isoformat()
    assert data["quiz_answers"][0]["question"] == "Fråga A"
    assert data["quiz_answers"][0]["selected_text"] == ["Svar A A"]
    assert [link["subject"] for link in data["sso_links"]] == ["sub-A"]
    assert data["certificates"][0]["code"] == full_person.certificates.get().display_code
    # Who changed the person's record, named; and the retention plan with its periods.
    about = data["admin_log_about"]
    assert [entry["data"] for entry in about] == [{"note": "om A"}]
    assert about[0]["by"] == full_person.extras["hr"].user.get_full_name()
    retention = {kind["key"]: kind["retention"] for kind in data["purposes_and_retention"]}
    assert retention["quiz_answers"] == "24 månader"
    assert data["version"] == 1 and data["controller"] == "Exempelby kommun"


def test_no_secret_leaves_in_the_extract(full_person):
    """TOTP devices by name only, never the key; no password hash."""
    data, html = _files(full_person)
    text = json.dumps(data) + html
    device = full_person.user.totpdevice_set.get()
    assert data["totp_devices"][0]["name"] == "Telefon A"
    assert device.key not in text
    assert full_person.user.password not in text


def test_log_entries_about_the_person_include_those_about_their_own_records(full_person):
    certificate = full_person.certificates.get()
    hr = EmployeeFactory()
    log(instance=certificate, action="certificates.download", user=hr.user)
    about = _json(full_person)["admin_log_about"]
    assert [e["action"] for e in about] == ["wagtail.edit", "certificates.download"]


def test_another_persons_data_never_appears(full_person, other_person):
    """Bertil has records of every kind too; none of them is in Astrid's extract, and what
    Astrid did to a colleague (marked absent, revoked a certificate) does not name them."""
    data, html = _files(full_person)
    text = json.dumps(data, ensure_ascii=False) + html
    for employee in (other_person, full_person.extras["colleague"]):
        for value in (
            employee.user.first_name,
            employee.user.last_name,
            employee.user.email,
            employee.employee_number,
        ):
            assert value not in text, value
    for marker in ("Fråga B", "sub-B", "scim-B", "Telefon B", "Kommentar B", "om B"):
        assert marker not in text
    # Astrid's log entry about the colleague says what and when, not whom or the details.
    about_colleague = [e for e in data["admin_log_by"] if e["object_type"] == "anställd"]
    assert about_colleague and about_colleague[0]["object"] == ""
    assert "kollega A" not in text
    assert "Kollegans kommentar A" not in text
    other_codes = {c.display_code for c in other_person.certificates.all()}
    assert not any(code in text for code in other_codes)


def test_the_html_is_readable_swedish_and_self_contained(full_person):
    _data, html = _files(full_person)
    assert '<html lang="sv">' in html
    assert "Registerutdrag" in html and "Astrid Extraktsson" in html
    assert "Fråga A" in html and "Svar A A" in html
    assert "Gallringsplan" in html and "24 månader" in html
    # Nothing fetched from elsewhere: no external stylesheet, script, image or font.
    for external in ("<link", "<script", "<img", "src=", "@import", "url("):
        assert external not in html


def _queries(employee) -> int:
    with CaptureQueriesContext(connection) as captured:
        extract.zip_bytes(extract.build(employee))
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_history(full_person, course):
    extract.build(full_person)  # content types and site settings cached, as in a running site
    before = _queries(full_person)
    module = course.jav_module
    for day in range(4):
        attempt = QuizAttempt.objects.create(
            employee=full_person,
            module=module,
            questions=[{"id": "x", "question": "Mer", "options": []}],
            pass_mark=80,
            org_unit_code="x",
            submitted_at=timezone.now(),
            correct_count=0,
            score=0,
            passed=False,
        )
        QuizAnswer.objects.create(attempt=attempt, question_id="x", selected=[], correct=False)
        log(instance=full_person, action="wagtail.edit", user=full_person.user)
        log(instance=module, action="wagtail.edit", user=full_person.user)
        session = CourseSession.objects.create(
            course=course,
            starts_at=timezone.now() + timedelta(days=20 + day),
            ends_at=timezone.now() + timedelta(days=20 + day, hours=1),
            format=CourseSession.Format.ONLINE,
            booking_deadline=timezone.now() + timedelta(days=19 + day),
            leader=full_person,
        )
        Booking.objects.create(session=session, employee=full_person, status="confirmed")
        Attendance.objects.create(
            session=session, employee=full_person, status="present", marked_by=full_person.user
        )
        ReminderLog.objects.create(
            employee=full_person,
            course=course,
            kind=ReminderLog.Kind.DUE,
            sent_on=timezone.localdate() - timedelta(days=day),
        )
    assert _queries(full_person) == before
    assert before <= 40


def test_a_person_with_no_history_gets_an_extract_with_empty_sections(db):
    person = EmployeeFactory()
    data, html = _files(person)
    assert data["person"]["id"] == person.pk
    assert data["quiz_attempts"] == [] and data["admin_log_about"] == []
    assert "Inga uppgifter av det här slaget." in html
