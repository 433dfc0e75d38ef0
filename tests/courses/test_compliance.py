"""Compliance status: one stored row per employee and assigned course, always true."""

import random
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from courses.compliance import recompute_compliance
from courses.dates import add_months
from courses.models import (
    AssignmentRule,
    ComplianceStatus,
    CourseCompletion,
    ModuleCompletion,
    ModuleProgress,
)
from courses.services import record_module_completion, revoke_completion
from people.groups import ensure_groups
from people.models import Employee
from tests.factories import EmployeeFactory, OrgUnitFactory

pytestmark = pytest.mark.django_db


def status(employee, course):
    return ComplianceStatus.objects.get(employee=employee, course=course)


@pytest.fixture
def rule(course):
    return AssignmentRule.objects.create(
        name="Alla",
        course=course,
        due_days=30,
        active_from=timezone.localdate() - timedelta(days=400),
    )


def test_rules_match_roles_and_unit_subtrees(course, roles):
    top = OrgUnitFactory(kind="avdelning")
    below = OrgUnitFactory(parent=top)
    elsewhere = OrgUnitFactory(kind="avdelning")
    manager_below = EmployeeFactory(org_unit=below, roles=[roles["chef"]])
    worker_below = EmployeeFactory(org_unit=below, roles=[roles["medarbetare"]])
    manager_elsewhere = EmployeeFactory(org_unit=elsewhere, roles=[roles["chef"]])
    rule = AssignmentRule.objects.create(name="Chefer i A", course=course)
    rule.roles.set([roles["chef"], roles["rekryterande-chef"]])
    rule.units.set([top])
    rule.save()  # parental relations are written on save
    assert set(rule.matching_employees()) == {manager_below}
    recompute_compliance()
    assert set(ComplianceStatus.objects.values_list("employee_id", flat=True)) == {manager_below.pk}
    assert worker_below and manager_elsewhere  # present, but not assigned


def test_a_rule_for_several_units_assigns_everyone_in_any_of_them(course, roles):
    """Units are alternatives: a rule for the social services and the schools assigns both
    staffs (and those of units below them), not only the last unit chosen nor nobody."""
    social, schools, elsewhere = (OrgUnitFactory(kind="avdelning") for _ in range(3))
    below_schools = OrgUnitFactory(parent=schools)
    social_worker, school_worker, worker_below, worker_elsewhere = (
        EmployeeFactory(org_unit=unit, roles=[roles["medarbetare"]])
        for unit in (social, schools, below_schools, elsewhere)
    )
    rule = AssignmentRule.objects.create(name="Socialtjänst och skola", course=course)
    rule.units.set([social, schools])
    rule.save()
    assert set(rule.matching_employees()) == {social_worker, school_worker, worker_below}
    recompute_compliance()
    assigned = set(ComplianceStatus.objects.values_list("employee_id", flat=True))
    assert assigned == {social_worker.pk, school_worker.pk, worker_below.pk}
    assert worker_elsewhere.pk not in assigned


def test_status_moves_from_not_started_to_in_progress_to_completed(course, employee, rule):
    employee.start_date = timezone.localdate() - timedelta(days=5)
    employee.save()
    recompute_compliance()
    row = status(employee, course)
    assert (row.status, row.due_date) == ("not_started", employee.start_date + timedelta(days=30))
    ModuleProgress.record_open(employee=employee, module=course.jav_module)
    assert status(employee, course).status == "in_progress"
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module)
    row = status(employee, course)
    completion = CourseCompletion.objects.get(employee=employee)
    assert (row.status, row.valid_until) == ("completed", completion.valid_until)


def test_existing_staff_are_due_from_the_rules_start(course, employee, rule):
    rule.active_from = timezone.localdate() - timedelta(days=10)
    rule.save()
    employee.start_date = timezone.localdate() - timedelta(days=3000)
    employee.save()
    recompute_compliance()
    assert status(employee, course).due_date == rule.active_from + timedelta(days=30)


def test_overdue_expiring_and_expired(course, employee, rule):
    employee.start_date = timezone.localdate() - timedelta(days=100)
    employee.save()
    recompute_compliance()
    assert status(employee, course).status == "overdue"

    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module)
    valid_until = status(employee, course).valid_until
    recompute_compliance(today=valid_until - timedelta(days=30))
    assert status(employee, course).status == "expiring"
    recompute_compliance(today=valid_until + timedelta(days=1))
    assert status(employee, course).status == "expired"


def test_rule_recertification_months_override_the_course(course, employee, rule):
    rule.recertify_months = 12
    rule.save()
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module)
    completed = CourseCompletion.objects.get(employee=employee).completed_at
    valid_until = status(employee, course).valid_until
    assert (valid_until - timezone.localdate(completed)).days in range(365, 367)


def test_a_new_manager_is_assigned_at_once_when_hr_changes_their_role(client, course, roles, unit):
    managers = AssignmentRule(name="Chefer", course=course)
    managers.roles.set([roles["chef"]])
    managers.save()
    person = EmployeeFactory(org_unit=unit, roles=[roles["medarbetare"]])
    recompute_compliance()
    assert not ComplianceStatus.objects.filter(employee=person).exists()
    groups = ensure_groups()
    hr = EmployeeFactory(org_unit=unit)
    hr.user.groups.add(groups["HR"])
    client.force_login(hr.user)
    response = client.post(
        f"/admin/people/employees/edit/{person.pk}/",
        {
            "first_name": person.user.first_name, "last_name": person.user.last_name,
            "employee_number": person.employee_number, "email": person.user.email,
            "org_unit": unit.pk, "roles": [roles["medarbetare"].pk, roles["chef"].pk],
            "start_date": person.start_date.isoformat(), "is_active": "on",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ComplianceStatus.objects.filter(employee=person, course=course).exists()


def test_a_rule_that_matches_nobody_is_shown_as_such(client, course, unit):
    groups = ensure_groups()
    hr = EmployeeFactory(org_unit=unit)
    hr.user.groups.add(groups["HR"])
    client.force_login(hr.user)
    nobody = OrgUnitFactory(kind="enhet")
    rule = AssignmentRule.objects.create(name="Tom enhet", course=course)
    rule.units.set([nobody])
    rule.save()
    content = client.get(reverse("assignment_rules:index")).content.decode()
    assert "Tom enhet" in content and "Ingen just nu" in content


def test_incremental_state_agrees_with_a_rebuild_after_random_changes(course, roles, rule):
    """Whatever happens, in whatever order, the stored rows equal a rebuild from scratch."""
    rng = random.Random(42)
    units = [OrgUnitFactory(kind="avdelning") for _ in range(3)]
    people = [
        EmployeeFactory(org_unit=rng.choice(units), roles=[roles["medarbetare"]],
                        start_date=timezone.localdate() - timedelta(days=rng.randint(0, 90)))
        for _ in range(12)
    ]  # fmt: skip
    managers_rule = AssignmentRule.objects.create(name="Chefer", course=course, due_days=10)
    managers_rule.roles.set([roles["chef"]])
    managers_rule.save()
    recompute_compliance()
    modules = [course.intro_module, course.jav_module, course.recruitment_module]
    for _step in range(60):
        person = rng.choice(people)
        action = rng.choice(["open", "pass", "pass", "role", "unit", "leave", "revoke"])
        if action == "open":
            ModuleProgress.record_open(employee=person, module=rng.choice(modules))
        elif action == "pass":
            record_module_completion(employee=person, module=rng.choice(modules))
        elif action == "role":
            person.roles.add(roles["chef"])
            recompute_compliance(employee_ids=[person.pk])
        elif action == "unit":
            person.org_unit = rng.choice(units)
            person.save()
            recompute_compliance(employee_ids=[person.pk])
        elif action == "revoke":
            last = CourseCompletion.objects.filter(employee=person).first()
            if last is not None:
                revoke_completion(completion=last)
        else:
            person.is_active = False
            person.save()
            recompute_compliance(employee_ids=[person.pk])

    def snapshot():
        return sorted(
            ComplianceStatus.objects.values_list(
                "employee_id", "course_id", "status", "due_date", "valid_until", "last_activity"
            )
        )

    incremental = snapshot()
    ComplianceStatus.objects.all().delete()
    recompute_compliance()
    assert snapshot() == incremental
    # Both sides ran recompute_compliance: check them against the rules worked out by hand.
    assert [row[:5] for row in incremental] == expected_statuses(course, [rule, managers_rule])


def expected_statuses(course, rules) -> list[tuple]:
    """(employee, course, status, due date, valid until) for every assignment, straight from
    the rules as DESIGN.md states them, one person at a time and without the app's code."""
    today = timezone.localdate()
    rows = []
    for person in Employee.objects.filter(is_active=True):
        matching = [
            rule for rule in rules
            if not rule.roles.exists() or rule.roles.filter(pk__in=person.roles.all()).exists()
        ]  # fmt: skip
        if not matching:
            continue
        # The earliest due date and the shortest validity of the rules that apply.
        due = min(max(person.start_date, r.active_from) + timedelta(days=r.due_days)
                  for r in matching)  # fmt: skip
        months = min(r.recertify_months or course.validity_months for r in matching)
        last = CourseCompletion.objects.filter(employee=person, course=course).first()
        valid_until = None
        if last is not None and last.revoked_at is None:
            passed_on = timezone.localdate(last.completed_at)
            valid_until = add_months(passed_on, months)
        since = last.completed_at if last else None
        opened = ModuleProgress.objects.filter(employee=person)
        passed = ModuleCompletion.objects.filter(employee=person)
        moments = [
            *opened.values_list("last_opened_at", flat=True),
            *passed.values_list("completed_at", flat=True),
        ]
        if valid_until is not None and today <= valid_until:
            days_left = (valid_until - today).days
            state = "expiring" if days_left <= settings.COMPLIANCE_EXPIRING_DAYS else "completed"
            rows.append((person.pk, course.pk, state, valid_until, valid_until))
        elif valid_until is not None:
            rows.append((person.pk, course.pk, "expired", valid_until, valid_until))
        elif today > due:
            rows.append((person.pk, course.pk, "overdue", due, None))
        elif any(since is None or moment > since for moment in moments):
            rows.append((person.pk, course.pk, "in_progress", due, None))
        else:
            rows.append((person.pk, course.pk, "not_started", due, None))
    return sorted(rows)


def test_mina_kurser_shows_status_and_due_date(client, course, employee, rule):
    employee.start_date = timezone.localdate() - timedelta(days=5)
    employee.save()
    recompute_compliance()
    client.force_login(employee.user)
    content = client.get(reverse("my_courses")).content.decode()
    due = status(employee, course).due_date
    assert "Ej påbörjad" in content
    assert f"Ska vara klar senast {due.day}" in content


def test_mina_kurser_orders_courses_by_urgency(client, home_page, employee, roles):
    from tests.factories import CourseIndexPageFactory, CoursePageFactory, ModulePageFactory

    index = CourseIndexPageFactory(parent=home_page)
    relaxed = CoursePageFactory(parent=index, title="A: gott om tid")
    urgent = CoursePageFactory(parent=index, title="B: försenad")
    for course in (relaxed, urgent):
        ModulePageFactory(parent=course)
    AssignmentRule.objects.create(name="r1", course=relaxed, due_days=300)
    AssignmentRule.objects.create(
        name="r2", course=urgent, due_days=1, active_from=timezone.localdate() - timedelta(days=50)
    )
    employee.start_date = timezone.localdate() - timedelta(days=100)
    employee.save()
    recompute_compliance()
    client.force_login(employee.user)
    titles = [c.page.title for c in client.get(reverse("my_courses")).context["courses"]]
    assert titles == ["B: försenad", "A: gott om tid"]


def test_deleting_a_rule_unassigns_its_people(
    client, course, employee, rule, unit, django_capture_on_commit_callbacks
):
    recompute_compliance()
    assert ComplianceStatus.objects.filter(employee=employee).exists()
    groups = ensure_groups()
    hr = EmployeeFactory(org_unit=unit)
    hr.user.groups.add(groups["HR"])
    client.force_login(hr.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("assignment_rules:delete", args=[rule.pk]))
    assert not AssignmentRule.objects.filter(pk=rule.pk).exists()
    assert not ComplianceStatus.objects.filter(employee=employee).exists()


def test_hr_creates_a_rule_and_everyone_it_matches_is_assigned(
    client, course, employee, unit, roles, django_capture_on_commit_callbacks
):
    groups = ensure_groups()
    hr = EmployeeFactory(org_unit=unit)
    hr.user.groups.add(groups["HR"])
    client.force_login(hr.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("assignment_rules:add"),
            {
                "name": "Handläggare", "course": course.pk, "roles": [roles["handlaggare"].pk],
                "due_days": 45, "active_from": timezone.localdate().isoformat(), "is_active": "on",
            },
        )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    row = ComplianceStatus.objects.get(course=course)
    assert row.employee == employee  # the handläggare, not HR


def test_a_revoked_completion_no_longer_counts_as_compliant(course, employee, rule):
    employee.start_date = timezone.localdate() - timedelta(days=100)
    employee.save()
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module)
    assert status(employee, course).status == "completed"
    revoke_completion(completion=CourseCompletion.objects.get(employee=employee))
    row = status(employee, course)
    # Due 30 days after a start 100 days ago: late again, with nothing valid.
    assert (row.status, row.valid_until) == ("overdue", None)
    assert row.due_date == employee.start_date + timedelta(days=30)
    recompute_compliance()
    assert status(employee, course).status == "overdue"


def test_a_change_that_names_nobody_costs_no_queries(
    course, employee, rule, django_assert_num_queries
):
    # employees_changed runs in every save of people; an empty change must not touch the table.
    recompute_compliance()
    with django_assert_num_queries(0):
        assert recompute_compliance(employee_ids=[]) == 0
    assert recompute_compliance(employee_ids=[employee.pk]) == 1


def test_a_targeted_recompute_of_very_many_rebuilds_everyone(
    course, employee, rule, roles, unit, monkeypatch
):
    # Above the limit the run goes over everyone instead: still every named person is right.
    other = EmployeeFactory(org_unit=unit, roles=[roles["medarbetare"]])
    monkeypatch.setattr("courses.compliance.TARGETED_LIMIT", 1)
    assert recompute_compliance(employee_ids=[employee.pk, other.pk]) == 2
    assert {row.employee for row in ComplianceStatus.objects.filter(course=course)} == {
        employee,
        other,
    }


def test_a_status_carries_the_roles_the_follow_up_counts_by(course, employee, rule):
    # reports.queries.by_role splits this column: each of the employee's roles, no other.
    recompute_compliance()
    stored = status(employee, course).role_ids.split(",")
    assert sorted(stored) == sorted(str(role.pk) for role in employee.roles.all())


def test_passes_before_a_revoked_completion_do_not_start_the_next_round(course, employee, rule):
    # The revoked round's passes are history: the employee has not started again.
    employee.start_date = timezone.localdate()
    employee.save()
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module)
    revoke_completion(completion=CourseCompletion.objects.get(employee=employee))
    row = status(employee, course)
    assert (row.status, row.valid_until) == ("not_started", None)
    ModuleProgress.record_open(employee=employee, module=course.intro_module)
    row = status(employee, course)
    opened = ModuleProgress.objects.get(employee=employee, module=course.intro_module)
    # The follow-up's "senaste aktivitet" column.
    assert (row.status, row.last_activity) == ("in_progress", opened.last_opened_at)


def test_a_rebuild_rewrites_only_the_rows_that_changed(course, employee, rule, roles, unit):
    # The nightly rebuild goes over every employee: unchanged rows must not be written again.
    other = EmployeeFactory(org_unit=unit, roles=[roles["medarbetare"]])
    recompute_compliance()
    before = {row.employee_id: row.updated_at for row in ComplianceStatus.objects.all()}
    ModuleProgress.objects.create(employee=other, module=course.intro_module)
    recompute_compliance()
    after = {row.employee_id: row.updated_at for row in ComplianceStatus.objects.all()}
    assert after[employee.pk] == before[employee.pk]
    assert after[other.pk] > before[other.pk]


def test_validity_counts_from_the_day_of_completion_not_the_day_of_the_run(course, employee, rule):
    completed_at = timezone.now() - timedelta(days=100)
    CourseCompletion.objects.create(
        employee=employee, course=course, completed_at=completed_at, valid_until=completed_at
    )
    recompute_compliance()
    expected = add_months(timezone.localdate(completed_at), course.validity_months)
    assert status(employee, course).valid_until == expected


def test_a_rebuild_writes_and_removes_more_rows_than_one_batch(
    course, rule, roles, unit, monkeypatch
):
    # A municipality has tens of thousands of statuses; here a batch is 2 rows instead of 2000.
    monkeypatch.setattr("courses.compliance.BATCH_SIZE", 2)
    people = [EmployeeFactory(org_unit=unit, roles=[roles["medarbetare"]]) for _ in range(5)]
    assert recompute_compliance() == 5
    assert ComplianceStatus.objects.filter(course=course).count() == 5
    for person in people:
        ModuleProgress.objects.create(employee=person, module=course.intro_module)
    recompute_compliance()
    assert set(ComplianceStatus.objects.values_list("status", flat=True)) == {"in_progress"}
    rule.is_active = False
    rule.save()
    recompute_compliance()
    assert not ComplianceStatus.objects.exists()
