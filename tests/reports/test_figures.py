"""The dashboards' numbers equal what one counts by hand in the small organisation."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from quizzes.models import QuizAnswer, QuizAttempt
from tests.reports.conftest import PERIOD

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def figures(group):
    f = group.figures
    return (f.assigned, f.valid, f.percent, f.late, f.expiring, f.not_started)


def test_hrs_key_figures(hr_client, org):
    overview = hr_client.get(reverse("reports:overview")).context["overview"]
    # 7 assigned; valid: a1, a2 (expiring), b1; late: a3 (overdue), b2 (expired).
    total = overview.total
    assert (total.assigned, total.valid, total.late, total.expiring, total.not_started) == (
        7,
        3,
        2,
        1,
        1,
    )
    assert total.percent == 43


def test_hr_sees_the_nämnder_and_drills_down(hr_client, org):
    overview = hr_client.get(reverse("reports:overview")).context["overview"]
    assert {group.label: figures(group) for group in overview.by_unit} == {
        "Nämnd A": (5, 2, 40, 1, 1, 1),
        "Nämnd B": (2, 1, 50, 1, 0, 0),
    }
    overview = hr_client.get(reverse("reports:overview"), {"org_unit": org.a.pk}).context[
        "overview"
    ]
    # A's child unit, and Anna, who sits directly in A, on a row of her own.
    assert {group.label: figures(group) for group in overview.by_unit} == {
        "Enhet A1": (4, 2, 50, 1, 1, 1),
        "Nämnd A (direkt)": (1, 0, 0, 0, 0, 0),
    }


def test_per_role_counts_someone_in_each_of_their_roles(hr_client, org):
    overview = hr_client.get(reverse("reports:overview")).context["overview"]
    by_role = {group.label: group.figures.assigned for group in overview.by_role}
    assert by_role == {"Medarbetare": 7, "Handlaggare": 2, "Chef": 1}


def test_filters_by_role_and_status(hr_client, org, roles):
    response = hr_client.get(
        reverse("reports:people"), {"role": roles["handlaggare"].pk, "status": "expiring"}
    )
    assert [s.employee for s in response.context["statuses"]] == [org.people.a2]


def test_trend_per_month(hr_client, org):
    months = hr_client.get(reverse("reports:trend"), PERIOD).context["months"]
    assert [m.month for m in months] == [date(2026, month, 1) for month in range(1, 7)]
    by_month = {m.month.month: (m.completions, m.present, m.absent) for m in months}
    # a2's completion in 2025 lies outside the period.
    assert by_month == {1: (0, 0, 0), 2: (0, 0, 0), 3: (1, 3, 1), 4: (0, 0, 0), 5: (1, 0, 0),
                        6: (0, 0, 0)}  # fmt: skip


def test_session_rows_for_hr_and_for_a_manager(hr_client, org, client):
    [row] = hr_client.get(reverse("reports:sessions"), PERIOD).context["rows"]
    # Booked a1, a3, b1; present a1, b1 and a4 (walk-in); a3 booked and absent.
    assert (row.booked, row.present, row.absent, row.no_shows, row.no_show_percent) == (
        3,
        3,
        1,
        1,
        33,
    )
    client.force_login(org.people.anna.user)
    [row] = client.get(reverse("reports:sessions"), PERIOD).context["rows"]
    assert (row.booked, row.present, row.absent, row.no_show_percent) == (2, 2, 1, 50)


def test_sorting_and_paging_people(hr_client, org):
    response = hr_client.get(reverse("reports:people"), {"sortering": "namn"})
    names = [s.employee.user.last_name for s in response.context["statuses"]]
    assert names == sorted(names)
    response = hr_client.get(reverse("reports:people"), {"sortering": "-namn"})
    assert [s.employee.user.last_name for s in response.context["statuses"]] == names[::-1]
    # Default: most urgent first.
    first = hr_client.get(reverse("reports:people")).context["statuses"][0]
    assert first.status == "overdue"


def test_a_bad_date_gets_a_swedish_message_and_the_default_period(hr_client, org):
    response = hr_client.get(reverse("reports:trend"), {"start": "inte-ett-datum"})
    assert response.status_code == 400
    assert "Fyll i ett giltigt datum" in response.content.decode()
    assert len(response.context["months"]) == 12

    # The typo stays in the field beside its message, to be corrected rather than retyped.
    assert 'name="start" value="inte-ett-datum"' in response.content.decode()


def test_the_period_fields_show_the_period_in_iso_before_any_choice(hr_client, org):
    """As text, not type="date": a browser draws a date input in its own language's format."""
    with time_machine.travel(datetime(2026, 6, 1, 12, 0, tzinfo=STOCKHOLM), tick=False):
        form = hr_client.get(reverse("reports:trend")).context["filter"].form
    assert str(form["start"]).startswith('<input type="text" name="start" value="2025-07-01"')
    assert 'name="end" value="2026-06-01"' in str(form["end"])
    assert form["start"].help_text == form["end"].help_text == "ÅÅÅÅ-MM-DD"


@override_settings(ANONYMITY_MIN_GROUP=3)
def test_question_figures_hide_small_groups(hr_client, org, course):
    from tests.quizzes.conftest import add_quiz

    quiz = add_quiz(course.intro_module, shuffle_options=False)
    question = quiz.question_snapshots()[0]
    wrong = next(o["id"] for o in question["options"] if not o["correct"])
    for index, name in enumerate(["a1", "a2", "a3", "b1"]):
        employee = getattr(org.people, name)
        attempt = QuizAttempt.objects.create(
            employee=employee,
            org_unit=employee.org_unit,
            module=course.intro_module,
            questions=[question],
            pass_mark=80,
            org_unit_code=employee.org_unit.code,
            submitted_at=org.session.starts_at,
            score=0,
            passed=False,
        )
        QuizAnswer.objects.create(
            attempt=attempt, question_id=question["id"], selected=[wrong], correct=index == 0
        )
    [module] = hr_client.get(reverse("reports:questions"), PERIOD).context["modules"]
    stats = module.questions[0]
    assert (stats.answered, stats.correct, stats.most_chosen_wrong_count) == (4, 1, 3)
    # Nämnd B alone has one answer: too few to show anything but the count.
    response = hr_client.get(reverse("reports:questions"), {"org_unit": org.b.pk, **PERIOD})
    stats = response.context["modules"][0].questions[0]
    assert stats.people == 1 and stats.too_few and stats.most_chosen_wrong is None
    assert stats.share_correct is None
    assert "färre än 3 personer" in response.content.decode()


@pytest.mark.parametrize("name", ["overview", "trend", "sessions", "people", "questions"])
def test_every_view_renders_for_hr(hr_client, org, name):
    assert hr_client.get(reverse(f"reports:{name}"), PERIOD).status_code == 200
