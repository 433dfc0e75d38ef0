"""Taking a module's quiz: start, answer, see the result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from courses.models import CourseCompletion, ModulePage
from people.access import employee_or_403
from quizzes.forms import QuizForm
from quizzes.models import QuizAttempt
from quizzes.services import start_attempt, submit_attempt


def _own_attempt(request, public_id) -> QuizAttempt:
    """The attempt if it is the logged-in employee's; anyone else's is simply not found."""
    employee = employee_or_403(request)
    attempt = get_object_or_404(
        QuizAttempt.objects.select_related("module"), public_id=public_id, employee=employee
    )
    attempt.employee = employee  # the same row: spares reading it again
    return attempt


@require_POST
@login_required
def start(request, module_id: int):
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id, quiz__isnull=False)
    attempt = start_attempt(employee=employee_or_403(request), module=module)
    return redirect("quizzes:take", public_id=attempt.public_id)


@login_required
def take(request, public_id):
    attempt = _own_attempt(request, public_id)
    if attempt.is_submitted:
        return redirect("quizzes:result", public_id=attempt.public_id)
    # The module may have been unpublished, or the employee's roles changed, since starting.
    if not attempt.module.live or not attempt.module.is_for(attempt.employee):
        raise PermissionDenied
    form = QuizForm(request.POST or None, questions=attempt.questions)
    if request.method == "POST" and form.is_valid():
        try:
            submit_attempt(attempt=attempt, answers=form.answers())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect("quizzes:result", public_id=attempt.public_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "quizzes/take_attempt.html",
        {"attempt": attempt, "module": attempt.module, "form": form},
        status=status,
    )


@login_required
def result(request, public_id):
    attempt = _own_attempt(request, public_id)
    if not attempt.is_submitted:
        return redirect("quizzes:take", public_id=attempt.public_id)
    chosen = {answer.question_id: answer for answer in attempt.answers.all()}
    questions = []
    for question in attempt.questions:
        answer = chosen.get(question["id"])
        selected = set(answer.selected) if answer else set()
        questions.append(
            {
                **question,
                "correct": bool(answer and answer.correct),
                "options": [
                    {**option, "selected": option["id"] in selected}
                    for option in question["options"]
                ],
            }
        )
    return render(
        request,
        "quizzes/attempt_result.html",
        {
            "attempt": attempt,
            "module": attempt.module,
            "questions": questions,
            "completion": _completed_course(attempt),
        },
    )


def _completed_course(attempt: QuizAttempt) -> CourseCompletion | None:
    """The course's valid completion if this pass completed it, else None.

    A course completes at the moment of its last module pass; a pass before that or a retake
    after it shows none: the result is then about the module alone.
    """
    if not attempt.passed:
        return None
    course_path = attempt.module.path[: -ModulePage.steplen]
    completion = (
        CourseCompletion.objects.filter(employee=attempt.employee, course__path=course_path)
        .select_related("course", "certificate")  # "certificate": the certificates app's
        .order_by("-completed_at")
        .first()
    )
    if completion is None or not completion.is_valid(timezone.localdate()):
        return None
    return completion if completion.completed_at == attempt.submitted_at else None
