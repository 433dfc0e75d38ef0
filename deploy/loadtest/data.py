"""The load test's data: its users before the run, and the checks on the database after it.

Run with prod-local's environment (production settings, its database):
  data.py prepare DIR --learners N --hr H   writes DIR/users.json (logins, the quiz answer key)
  data.py check DIR --since ISO             prints the data checks as JSON, reading DIR/client.json
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vaksam.settings.production")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from certificates.models import Certificate  # noqa: E402
from courses.models import CourseCompletion  # noqa: E402
from people.models import Employee  # noqa: E402
from quizzes.models import QuizAttempt  # noqa: E402
from reports import dataset  # noqa: E402
from sessions.models import Booking, CourseSession  # noqa: E402

# The load users' password: prod-local is a local test stack whose address never leaves this
# machine, like the demo's published password.
PASSWORD = "vaksam-load-test"  # noqa: S105
GENERATED_EMPLOYEES = 2000
HR_PREFIX = "load-hr-"


def prepare(directory: Path, learners: int, hr: int, employees: int, certificates: int) -> None:
    if not dataset.has_generated_data():
        # A municipality-like organisation with three years of history; its accounts share
        # one password so locust can log in as them.
        call_command(
            "generate_dataset",
            employees=max(employees, learners * 2),
            password=PASSWORD,
            verbosity=1,
        )
    _issue_certificates(certificates)
    today = date.today()
    usernames = list(
        Employee.objects.active(today)
        .filter(user__username__startswith=dataset.USERNAME_PREFIX)
        .order_by("user__username")
        .values_list("user__username", flat=True)[:learners]
    )
    if len(usernames) < learners:
        sys.exit(f"Only {len(usernames)} active generated employees; regenerate with more.")
    hr_accounts = [_hr_account(n) for n in range(1, hr + 1)]
    answer_key = {}
    from quizzes.models import ModuleQuiz

    for quiz in ModuleQuiz.objects.all():
        for question in quiz.question_snapshots():
            answer_key[question["id"]] = [o["id"] for o in question["options"] if o["correct"]]
    (directory / "users.json").write_text(
        json.dumps(
            {
                "password": PASSWORD,
                "learners": usernames,
                "hr": hr_accounts,
                "answer_key": answer_key,
            }
        )
    )
    print(f"{len(usernames)} learners, {len(hr_accounts)} HR accounts, {len(answer_key)} questions")


def _issue_certificates(count: int) -> None:
    """Certificates for generated completions (generate_dataset writes completions only): the
    learners' certificate pages then list some, and the worker drill has a ZIP that takes time.
    """
    from certificates.services import issue_certificate

    missing = count - Certificate.objects.count()
    if missing <= 0:
        return
    completions = (
        CourseCompletion.objects.filter(
            employee__user__username__startswith=dataset.USERNAME_PREFIX,
            revoked_at__isnull=True,
            certificate__isnull=True,
        )
        .select_related("employee", "course")
        .order_by("pk")[:missing]
    )
    for completion in completions:
        issue_certificate(completion=completion)


@transaction.atomic
def _hr_account(number: int) -> dict:
    """An HR officer like the demo's `hr`, with a confirmed TOTP app whose key locust knows."""
    template = Employee.objects.select_related("user").get(user__username="hr")
    User = get_user_model()
    username = f"{HR_PREFIX}{number}"
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": "Last",
            "last_name": f"Test {number}",
            "email": f"{username}@vaksamby.example",
        },
    )
    if created:
        user.set_password(PASSWORD)
        user.save()
        user.groups.set(Group.objects.filter(user=template.user))
        Employee.objects.create(
            user=user,
            employee_number=f"LOADHR{number}",
            org_unit=template.org_unit,
            start_date=template.start_date,
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="load test", confirmed=True)
    return {"username": username, "totp_key": base64.b32encode(device.bin_key).decode()}


def check(directory: Path, since: datetime) -> dict:
    """What the users did (counted by locust, client.json) against what the database holds."""
    client = json.loads((directory / "client.json").read_text())
    load_users = Q(employee__user__username__startswith=dataset.USERNAME_PREFIX)
    # Submitted during the run; an attempt may have been started before it (start reuses the
    # open attempt, as a reload does).
    submitted = QuizAttempt.objects.filter(load_users, submitted_at__gte=since)
    client_submitted = set(client["submitted_attempts"])
    db_submitted = {str(a) for a in submitted.values_list("public_id", flat=True)}
    # Graded exactly once: a score and a verdict, one answer row per drawn question, no more.
    answer_counts = submitted.annotate(answers_n=Count("answers"))
    badly_graded = [
        str(a.public_id)
        for a in answer_counts
        if a.correct_count is None or a.passed is None or a.answers_n != len(a.questions)
    ]

    completions = CourseCompletion.objects.filter(load_users, completed_at__gte=since)
    per_completion = completions.annotate(n=Count("certificate"))
    without_certificate = per_completion.filter(n=0).count()
    more_than_one = per_completion.filter(n__gt=1).count()
    # Certificates of the run whose completion is not of the run (or missing): none expected.
    certs = Certificate.objects.filter(
        issued_at__gte=since, employee__user__username__startswith=dataset.USERNAME_PREFIX
    )

    over_capacity = list(
        CourseSession.objects.annotate(
            confirmed=Count("bookings", filter=Q(bookings__status=Booking.Status.CONFIRMED))
        )
        .filter(confirmed__gt=models_f("capacity"))
        .values_list("pk", flat=True)
    )
    client_bookings = {(b[0], b[1]) for b in client["bookings"]}
    db_bookings = set(
        Booking.objects.filter(load_users, created_at__gte=since)
        .exclude(status=Booking.Status.CANCELLED)
        .values_list("session_id", "employee__user__username")
    )
    lost = sorted(client_bookings - db_bookings)
    unexpected = sorted(db_bookings - client_bookings)
    duplicates = (
        Booking.objects.exclude(status=Booking.Status.CANCELLED)
        .values("session_id", "employee_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    checks = {
        "attempts_submitted_client": len(client_submitted),
        "attempts_submitted_db": len(db_submitted),
        "attempts_submitted_by_client_missing_in_db": len(client_submitted - db_submitted),
        "attempts_graded_not_exactly_once": len(badly_graded),
        "course_completions": completions.count(),
        "certificates_issued": certs.count(),
        "completions_without_certificate": without_certificate,
        "completions_with_more_than_one_certificate": more_than_one,
        "sessions_over_capacity": len(over_capacity),
        "bookings_client": len(client_bookings),
        "bookings_db": len(db_bookings),
        "bookings_lost": len(lost),
        "bookings_in_db_not_seen_by_client": len(unexpected),
        "duplicate_live_bookings": duplicates,
    }
    # Checks on nothing prove nothing: say whether the run got as far as quizzes and bookings.
    checks["exercised"] = bool(db_submitted) and bool(client_bookings)
    checks["ok"] = (
        checks["attempts_submitted_by_client_missing_in_db"] == 0
        and checks["attempts_graded_not_exactly_once"] == 0
        and without_certificate == 0
        and more_than_one == 0
        and not over_capacity
        and not lost
        and duplicates == 0
    )
    return checks


def enqueue_export(count: int = 600) -> int:
    """A certificate ZIP for HR, large enough to take the worker a while (one PDF each)."""
    from certificates.models import CertificateExport
    from certificates.tasks import build_certificate_zip

    ids = list(Certificate.objects.order_by("pk").values_list("pk", flat=True)[:count])
    user = get_user_model().objects.get(username=f"{HR_PREFIX}1")
    with transaction.atomic():
        export = CertificateExport.objects.create(
            requested_by=user, description="load test: fault drill", certificate_ids=ids
        )
        transaction.on_commit(lambda: build_certificate_zip.enqueue(export.pk))
    return export.pk


def models_f(name):
    from django.db.models import F

    return F(name)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["prepare", "check", "enqueue-export"])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--hr", type=int, default=3)
    parser.add_argument("--employees", type=int, default=GENERATED_EMPLOYEES)
    parser.add_argument("--certificates", type=int, default=600)
    parser.add_argument("--since")
    args = parser.parse_args()
    if args.action == "prepare":
        prepare(args.directory, args.learners, args.hr, args.employees, args.certificates)
    elif args.action == "enqueue-export":
        print(enqueue_export())
    else:
        print(json.dumps(check(args.directory, datetime.fromisoformat(args.since))))


if __name__ == "__main__":
    main()
