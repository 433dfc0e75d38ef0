"""Demo quizzes for the demo course, and a believable history of attempts at them."""

import random
import uuid
from datetime import timedelta

from django.utils import timezone

from courses.models import CoursePage, ModulePage
from people.models import Employee
from quizzes.demo_questions import QUESTIONS
from quizzes.models import ModuleQuiz, QuizAttempt
from quizzes.services import start_attempt, submit_attempt


def _question_block(question: dict) -> dict:
    """A question from demo_questions in the quiz StreamField's raw form."""
    if question["type"] == "true_false":
        correct = next(option for option in question["options"] if option["correct"])
        feedback = {option["text"]: option["feedback"] for option in question["options"]}
        value = {
            "question": question["question"],
            "answer": "true" if correct["text"] == "Sant" else "false",
            "feedback_true": feedback["Sant"],
            "feedback_false": feedback["Falskt"],
            "explanation": question["explanation"],
        }
    else:
        value = {
            "question": question["question"],
            "explanation": question["explanation"],
            "options": [
                {
                    "type": "item",
                    "id": str(uuid.uuid4()),
                    "value": {
                        "text": option["text"],
                        "correct": option["correct"],
                        "feedback": option["feedback"],
                    },
                }
                for option in question["options"]
            ],
        }
        if question["type"] == "scenario":
            value["situation"] = question["situation"]
    return {"type": question["type"], "value": value, "id": str(uuid.uuid4())}


def build_quizzes(course: CoursePage) -> None:
    for module in ModulePage.objects.child_of(course).specific():
        if module.slug not in QUESTIONS or ModuleQuiz.objects.filter(page=module).exists():
            continue
        module.quiz.add(ModuleQuiz(questions=[_question_block(q) for q in QUESTIONS[module.slug]]))
        module.save_revision().publish()


def _answers(attempt: QuizAttempt, rng: random.Random, skill: float) -> dict[str, list[str]]:
    """Answers from someone who knows each answer with probability `skill`."""
    answers = {}
    for question in attempt.questions:
        correct = [o["id"] for o in question["options"] if o["correct"]]
        wrong = [o["id"] for o in question["options"] if not o["correct"]]
        answers[question["id"]] = correct if rng.random() < skill else [rng.choice(wrong)]
    return answers


def build_attempt_history(course: CoursePage, employees: list[Employee], logins: list[str]):
    """Past attempts: most people pass, some after a failed first try."""
    now = timezone.now()
    modules = list(ModulePage.objects.child_of(course).live().specific().order_by("path"))
    for employee in employees:
        if QuizAttempt.objects.filter(employee=employee).exists():
            continue
        # Seeded per person, so a second run plans the same history for everyone it skipped.
        rng = random.Random(employee.employee_number)  # noqa: S311 - demo history, not security
        if employee.user.username == "medarbetare":
            todo, skill = modules[:1], 1.0
        elif employee.user.username in logins:
            continue
        else:
            todo = [m for m in modules if m.is_for(employee)][: rng.randint(0, len(modules))]
            skill = rng.uniform(0.6, 1.0)
        when = now - timedelta(days=rng.randint(20, 200))
        for module in todo:
            for _ in range(3):  # at most three tries each
                attempt = start_attempt(employee=employee, module=module)
                QuizAttempt.objects.filter(pk=attempt.pk).update(started_at=when)
                attempt = submit_attempt(
                    attempt=attempt,
                    answers=_answers(attempt, rng, skill),
                    submitted_at=when + timedelta(minutes=rng.randint(4, 15)),
                )
                when += timedelta(hours=rng.randint(1, 72))
                if attempt.passed:
                    break
                skill = min(1.0, skill + 0.2)


def seed_quizzes(*, course: CoursePage, employees: list[Employee], logins: list[str]) -> None:
    build_quizzes(course)
    build_attempt_history(course, employees, logins)
