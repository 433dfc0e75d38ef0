"""Question analytics for coordinators: counts that match the answers given."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from people.groups import ensure_groups
from quizzes.analytics import question_stats
from quizzes.services import start_attempt, submit_attempt
from tests.factories import EmployeeFactory
from tests.quizzes.conftest import right_answers, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(quiz_course, unit, roles):
    """Three people answer the intro quiz: one all right, two all wrong (the same wrong option)."""
    module = quiz_course.intro_module
    for index in range(3):
        person = EmployeeFactory(org_unit=unit, roles=[roles["medarbetare"]])
        attempt = start_attempt(employee=person, module=module)
        answers = right_answers(attempt) if index == 0 else wrong_answers(attempt)
        submit_attempt(attempt=attempt, answers=answers)
    return module


def test_stats_count_answers_share_correct_and_the_most_chosen_wrong_option(answered, settings):
    settings.ANONYMITY_MIN_GROUP = 3
    stats = question_stats(answered)
    assert [row.answered for row in stats] == [3, 3, 3, 3]
    assert [row.correct for row in stats] == [1, 1, 1, 1]
    assert stats[0].text == "Finns det en beloppsgräns för mutor?"
    assert stats[0].share_correct == pytest.approx(1 / 3)
    assert stats[0].most_chosen_wrong == "fel: ja, 500 kr"
    assert stats[0].most_chosen_wrong_count == 2
    assert stats[2].most_chosen_wrong == "Sant"


def test_stats_hide_groups_smaller_than_the_minimum(answered, settings):
    settings.ANONYMITY_MIN_GROUP = 5
    stats = question_stats(answered)
    assert stats[0].answered == 3
    assert stats[0].share_correct is None and stats[0].most_chosen_wrong is None


def test_the_minimum_counts_people_not_attempts(answered, unit, settings):
    """One person answering again and again does not make a group large enough to show."""
    settings.ANONYMITY_MIN_GROUP = 4
    learner = EmployeeFactory(org_unit=unit)
    for _ in range(3):
        attempt = start_attempt(employee=learner, module=answered)
        submit_attempt(attempt=attempt, answers=wrong_answers(attempt))
    stats = question_stats(answered)
    assert stats[0].answered == 6 and stats[0].people == 4
    assert stats[0].too_few is False
    settings.ANONYMITY_MIN_GROUP = 5
    assert question_stats(answered)[0].too_few is True


def test_coordinator_sees_the_statistics_page_and_a_learner_does_not(
    client, answered, unit, settings
):
    settings.ANONYMITY_MIN_GROUP = 3
    ensure_groups()
    coordinator = EmployeeFactory(org_unit=unit)
    coordinator.user.groups.add(Group.objects.get(name="Kursansvarig"))
    learner = EmployeeFactory(org_unit=unit)
    learner.user.groups.add(Group.objects.get(name="Medarbetare"))
    url = reverse("quiz_statistics_module", args=[answered.pk])

    client.force_login(coordinator.user)
    content = client.get(url).content.decode()
    assert "Finns det en beloppsgräns för mutor?" in content
    assert "33 %" in content and "fel: ja, 500 kr (2)" in content
    assert answered.title in client.get(reverse("quiz_statistics")).content.decode()

    client.force_login(learner.user)
    assert client.get(url).status_code in (302, 403)


def test_coordinator_edits_a_module_with_its_quiz_tab(client, quiz_course, unit):
    ensure_groups()
    coordinator = EmployeeFactory(org_unit=unit)
    coordinator.user.groups.add(Group.objects.get(name="Kursansvarig"))
    client.force_login(coordinator.user)
    response = client.get(f"/admin/pages/{quiz_course.intro_module.pk}/edit/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Kunskapstest" in content
    # The quiz is one inline form on its tab; its questions travel as the StreamField's JSON.
    assert 'name="quiz-TOTAL_FORMS" value="1"' in content
    assert "beloppsgr\\u00e4ns" in content or "beloppsgräns" in content
