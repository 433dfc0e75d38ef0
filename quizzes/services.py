"""Starting and submitting quiz attempts."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.models import ModulePage
from courses.services import record_module_completion
from people.models import Employee
from quizzes.grading import grade
from quizzes.models import ModuleQuiz, QuizAnswer, QuizAttempt


def start_attempt(*, employee: Employee, module: ModulePage) -> QuizAttempt:
    """The employee's open attempt at the module's quiz, or a new one with freshly drawn questions.

    Reusing the open attempt means a reload or a second tab shows the same questions rather
    than drawing new ones until the learner gets an easy set.
    """
    if not module.is_for(employee):
        raise PermissionDenied
    quiz = ModuleQuiz.objects.get(page=module)
    quiz.page = module  # the same row, and its course once read stays on it
    with transaction.atomic():
        # Only the employee row: the default ordering joins the account, nullable since leavers
        # lose it, and PostgreSQL locks no nullable side of an outer join.
        Employee.objects.select_for_update(of=("self",)).filter(pk=employee.pk).first()
        existing = QuizAttempt.objects.open().filter(employee=employee, module=module).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                return _new_attempt(employee=employee, module=module, quiz=quiz)
        except IntegrityError:
            # Another tab started one between our check and insert; use that one.
            return QuizAttempt.objects.open().get(employee=employee, module=module)


def _new_attempt(*, employee: Employee, module: ModulePage, quiz: ModuleQuiz) -> QuizAttempt:
    return QuizAttempt.objects.create(
        employee=employee,
        module=module,
        revision=module.live_revision,
        questions=quiz.draw(),
        pass_mark=quiz.effective_pass_mark(),
        show_explanations=quiz.show_explanations,
        role_codes=sorted(employee.role_codes()),
        org_unit=employee.org_unit,
        org_unit_code=employee.org_unit.code,
    )


def submit_attempt(
    *, attempt: QuizAttempt, answers: dict[str, list[str]], submitted_at=None
) -> QuizAttempt:
    """Grade the attempt once. A repeated or concurrent submission returns the first result.

    Raises ValidationError when the answers do not fit the drawn questions. `submitted_at` is
    for recorded history (the demo); a learner's submission is always timed now.
    """
    if attempt.is_submitted:
        return attempt
    result = grade(attempt.questions, answers, attempt.pass_mark)
    now = submitted_at or timezone.now()
    with transaction.atomic():
        # The conditional update is the lock: of two submissions, only one finds it unsubmitted.
        claimed = QuizAttempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(
            submitted_at=now,
            correct_count=result.correct_count,
            score=result.score,
            passed=result.passed,
        )
        if claimed:
            QuizAnswer.objects.bulk_create(
                QuizAnswer(
                    attempt=attempt,
                    question_id=question_id,
                    selected=sorted(answers[question_id]),
                    correct=correct,
                )
                for question_id, correct in result.results.items()
            )
            if result.passed:
                record_module_completion(
                    employee=attempt.employee,
                    module=attempt.module,
                    completed_at=now,
                    score=result.score,
                )
    if claimed:
        # What the update wrote; only another submission's result needs reading back.
        attempt.submitted_at, attempt.correct_count = now, result.correct_count
        attempt.score, attempt.passed = result.score, result.passed
    else:
        attempt.refresh_from_db()
    return attempt
