"""Taking a quiz in the browser's place: start, answer, result, and every way to cheat."""

import pytest
from django.urls import reverse

from courses.models import ModuleCompletion
from quizzes import services
from quizzes.models import ModuleQuiz, QuizAnswer, QuizAttempt
from quizzes.services import start_attempt
from tests.factories import EmployeeFactory
from tests.quizzes.conftest import post_data, right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def start(client, module) -> QuizAttempt:
    response = client.post(reverse("quizzes:start", args=[module.pk]))
    assert response.status_code == 302
    return QuizAttempt.objects.get(public_id=response["Location"].split("/")[-2])


def test_starting_records_the_drawn_questions_revision_and_who_the_employee_was(
    client, quiz_course, employee
):
    client.force_login(employee.user)
    module = quiz_course.intro_module
    attempt = start(client, module)
    quiz = ModuleQuiz.objects.get(page=module)
    assert [q["id"] for q in attempt.questions] == [block.id for block in quiz.questions]
    assert attempt.revision_id == module.live_revision_id
    assert attempt.role_codes == ["handlaggare", "medarbetare"]
    assert attempt.org_unit == employee.org_unit
    assert attempt.org_unit_code == employee.org_unit.code
    assert attempt.pass_mark == 80
    assert attempt.submitted_at is None


def test_reloading_keeps_the_same_open_attempt(client, quiz_course, employee):
    client.force_login(employee.user)
    first = start(client, quiz_course.intro_module)
    assert start(client, quiz_course.intro_module) == first


def test_questions_per_attempt_draws_a_subset(client, quiz_course, employee):
    quiz = ModuleQuiz.objects.get(page=quiz_course.jav_module)
    quiz.questions_per_attempt = 2
    quiz.save()
    client.force_login(employee.user)
    attempt = start(client, quiz_course.jav_module)
    all_ids = [block.id for block in quiz.questions]
    drawn = [q["id"] for q in attempt.questions]
    assert len(drawn) == 2 and set(drawn) <= set(all_ids)


def test_quiz_page_reveals_no_correct_answer_or_feedback(client, quiz_course, employee):
    client.force_login(employee.user)
    attempt = start(client, quiz_course.intro_module)
    content = client.get(reverse("quizzes:take", args=[attempt.public_id])).content.decode()
    assert "Finns det en beloppsgräns för mutor?" in content
    assert "En klient säger att hen vet var dina barn går i skolan." in content
    for leak in ("Återkoppling", "correct", "BrB 10 kap", "Säkerheten först", "Rätt, godkännandet"):
        assert leak not in content, leak
    # Every option appears only as an opaque id and its text.
    for question in attempt.questions:
        for option in question["options"]:
            assert f'value="{option["id"]}"' in content


def test_passing_records_answers_result_and_module_completion(client, quiz_course, employee):
    client.force_login(employee.user)
    attempt = start(client, quiz_course.intro_module)
    response = client.post(
        reverse("quizzes:take", args=[attempt.public_id]), post_data(right_answers(attempt))
    )
    assert response["Location"] == reverse("quizzes:result", args=[attempt.public_id])
    attempt.refresh_from_db()
    assert (attempt.score, attempt.correct_count, attempt.passed) == (100, 4, True)
    assert attempt.submitted_at is not None
    assert QuizAnswer.objects.filter(attempt=attempt, correct=True).count() == 4
    completion = ModuleCompletion.objects.get(employee=employee, module=quiz_course.intro_module)
    assert completion.completed_at == attempt.submitted_at
    assert completion.score == 100

    content = client.get(response["Location"]).content.decode()
    assert "Godkänt" in content and "4 av 4 rätt" in content
    assert "Det finns ingen fast gräns (BrB 10 kap. 5 a §)." in content  # explanation shown


def test_failing_records_the_attempt_but_no_completion(client, quiz_course, employee):
    client.force_login(employee.user)
    attempt = start(client, quiz_course.intro_module)
    client.post(
        reverse("quizzes:take", args=[attempt.public_id]), post_data(wrong_answers(attempt))
    )
    attempt.refresh_from_db()
    assert (attempt.passed, attempt.score) == (False, 0)
    assert not ModuleCompletion.objects.filter(employee=employee).exists()
    content = client.get(reverse("quizzes:result", args=[attempt.public_id])).content.decode()
    assert "Inte godkänt" in content and "Gör om testet" in content


def test_explanations_can_be_hidden_after_submitting(client, quiz_course, employee):
    quiz = ModuleQuiz.objects.get(page=quiz_course.intro_module)
    quiz.show_explanations = False
    quiz.save()
    client.force_login(employee.user)
    attempt = start(client, quiz_course.intro_module)
    client.post(
        reverse("quizzes:take", args=[attempt.public_id]), post_data(wrong_answers(attempt))
    )
    content = client.get(reverse("quizzes:result", args=[attempt.public_id])).content.decode()
    assert "Fel" in content
    assert "Det finns ingen fast gräns" not in content


def test_submitting_twice_grades_once_and_shows_the_same_result(client, quiz_course, employee):
    client.force_login(employee.user)
    attempt = start(client, quiz_course.intro_module)
    url = reverse("quizzes:take", args=[attempt.public_id])
    client.post(url, post_data(wrong_answers(attempt)))
    second = client.post(url, post_data(right_answers(attempt)))  # back button, new answers
    assert second["Location"] == reverse("quizzes:result", args=[attempt.public_id])
    attempt.refresh_from_db()
    assert attempt.passed is False
    assert QuizAnswer.objects.filter(attempt=attempt).count() == 4
    assert not ModuleCompletion.objects.exists()


def test_missing_answers_get_a_swedish_message_and_keep_what_was_chosen(
    client, quiz_course, employee
):
    client.force_login(employee.user)
    attempt = start(client, quiz_course.intro_module)
    answers = right_answers(attempt)
    first_question, first_choice = next(iter(answers.items()))
    response = client.post(
        reverse("quizzes:take", args=[attempt.public_id]),
        post_data({first_question: first_choice}),
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "Svara på frågan." in content
    assert f'value="{first_choice[0]}"' in content and "checked" in content
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


@pytest.mark.parametrize("forgery", ["other_question_option", "unknown_id"])
def test_forged_options_are_refused_and_never_pass(client, quiz_course, employee, forgery):
    client.force_login(employee.user)
    attempt = start(client, quiz_course.intro_module)
    answers = right_answers(attempt)
    ids = list(answers)
    if forgery == "other_question_option":
        answers[ids[0]] = answers[ids[3]]
    else:
        answers[ids[0]] = ["00000000-0000-0000-0000-000000000000"]
    response = client.post(reverse("quizzes:take", args=[attempt.public_id]), post_data(answers))
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    assert not ModuleCompletion.objects.exists()


def test_a_question_not_drawn_is_ignored_not_graded(client, quiz_course, employee):
    client.force_login(employee.user)
    attempt = start(client, quiz_course.intro_module)
    data = post_data(right_answers(attempt))
    data["q_not-drawn"] = ["x"]
    client.post(reverse("quizzes:take", args=[attempt.public_id]), data)
    assert set(QuizAnswer.objects.values_list("question_id", flat=True)) == {
        q["id"] for q in attempt.questions
    }


def test_another_employees_attempt_is_not_found(client, quiz_course, employee, unit):
    client.force_login(employee.user)
    attempt = start(client, quiz_course.intro_module)
    other = EmployeeFactory(org_unit=unit)
    client.force_login(other.user)
    assert client.get(reverse("quizzes:take", args=[attempt.public_id])).status_code == 404
    response = client.post(
        reverse("quizzes:take", args=[attempt.public_id]), post_data(right_answers(attempt))
    )
    assert response.status_code == 404
    assert client.get(reverse("quizzes:result", args=[attempt.public_id])).status_code == 404
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_a_quiz_for_other_roles_cannot_be_started(client, quiz_course, employee):
    client.force_login(employee.user)
    response = client.post(reverse("quizzes:start", args=[quiz_course.recruitment_module.pk]))
    assert response.status_code == 403
    assert not QuizAttempt.objects.exists()


def test_starting_needs_login_and_a_post(client, quiz_course, employee):
    url = reverse("quizzes:start", args=[quiz_course.intro_module.pk])
    assert client.post(url)["Location"].startswith(reverse("login"))
    client.force_login(employee.user)
    assert client.get(url).status_code == 405


def test_an_open_attempt_cannot_be_submitted_after_the_module_is_unpublished(
    client, quiz_course, employee
):
    client.force_login(employee.user)
    attempt = start(client, quiz_course.intro_module)
    quiz_course.intro_module.unpublish()
    response = client.post(
        reverse("quizzes:take", args=[attempt.public_id]), post_data(right_answers(attempt))
    )
    assert response.status_code == 403
    assert not ModuleCompletion.objects.exists()


def test_a_module_with_history_cannot_be_deleted_only_unpublished(client, quiz_course, employee):
    from django.contrib.auth.models import Group

    from people.groups import ensure_groups

    client.force_login(employee.user)
    attempt = start(client, quiz_course.intro_module)
    client.post(
        reverse("quizzes:take", args=[attempt.public_id]), post_data(right_answers(attempt))
    )
    ensure_groups()
    employee.user.groups.add(Group.objects.get(name="Administratör"))
    url = f"/admin/pages/{quiz_course.intro_module.pk}/delete/"
    response = client.post(url, follow=True)
    assert "Avpublicera sidan i stället" in response.content.decode()
    assert type(quiz_course.intro_module).objects.filter(pk=quiz_course.intro_module.pk).exists()


def test_each_employee_and_module_has_its_own_open_attempt(quiz_course, employee, manager):
    """Starting finds the employee's open attempt at this module only: never a colleague's
    (whose questions and result would then be shared) nor one at another module."""
    intro, jav = quiz_course.intro_module, quiz_course.jav_module
    mine = start_attempt(employee=employee, module=intro)
    colleagues = start_attempt(employee=manager, module=intro)
    other_module = start_attempt(employee=employee, module=jav)
    assert len({mine.pk, colleagues.pk, other_module.pk}) == 3
    assert (colleagues.employee, colleagues.module) == (manager, intro)
    assert (other_module.employee, other_module.module) == (employee, jav)
    assert start_attempt(employee=employee, module=intro) == mine


def test_a_second_tab_that_loses_the_race_to_start_gets_the_first_tabs_attempt(
    quiz_course, employee, manager, monkeypatch
):
    """Another tab inserts its attempt just after this one found none: the database refuses a
    second open attempt, and this tab shows the other tab's questions."""
    intro = quiz_course.intro_module
    # Open attempts that must not be taken for it: a colleague's here, the employee's elsewhere.
    start_attempt(employee=manager, module=intro)
    start_attempt(employee=employee, module=quiz_course.jav_module)
    open_attempts = QuizAttempt.objects.open
    other_tab = []

    def other_tab_starts_after_the_check():
        if not other_tab:
            quiz = ModuleQuiz.objects.get(page=intro)
            other_tab.append(services._new_attempt(employee=employee, module=intro, quiz=quiz))
            return QuizAttempt.objects.none()  # what this tab's check saw
        return open_attempts()

    monkeypatch.setattr(QuizAttempt.objects, "open", other_tab_starts_after_the_check)
    attempt = start_attempt(employee=employee, module=intro)
    assert attempt == QuizAttempt.objects.get(employee=employee, module=intro)
