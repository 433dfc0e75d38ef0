"""A person with a record of every kind the extract covers, and a colleague who has the same."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log
from wagtail.models import Comment, CommentReply
from wagtail.users.models import UserProfile

from certificates.models import CertificateExport
from certificates.services import revoke_certificate
from courses.models import CourseCompletion, ModuleProgress, ReminderLog
from courses.services import record_module_completion
from identity.models import OIDCIdentity, ScimUser
from people.groups import KURSANSVARIG, ensure_groups
from people.models import PersonalDataAccess, PersonalDataAccessPerson
from quizzes.models import QuizAnswer, QuizAttempt
from reports.models import PeopleExport, ReportBundle
from sessions.models import Attendance, Booking, CourseSession
from tests.factories import ComplianceStatusFactory, EmployeeFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits live in the cache; every test starts without them."""
    cache.clear()
    yield
    cache.clear()


def give_everything(person, course, *, tag: str):
    """One record of every kind for `person`; `tag` marks free texts so a test can find them.

    What the person did to someone else (attendance marked, a certificate revoked, a log entry)
    is done to a fresh colleague, whose own data must then stay out of the person's extract.
    """
    user = person.user
    user.groups.add(ensure_groups()[KURSANSVARIG])
    # Fixed names: the test that no one else's data leaks looks for them, and a random name
    # could equal one the extract rightly shows (who made a log entry about the person).
    colleague = EmployeeFactory(
        org_unit=person.org_unit,
        user__first_name=f"Kollega{tag}",
        user__last_name=f"Kollegasson{tag}",
    )
    now = timezone.now()
    module = course.intro_module

    ModuleProgress.objects.create(employee=person, module=module)
    attempt = QuizAttempt.objects.create(
        employee=person,
        module=module,
        questions=[
            {
                "id": f"q-{tag}",
                "type": "single_choice",
                "question": f"Fråga {tag}",
                "options": [
                    {"id": "a", "text": f"Svar A {tag}", "correct": True},
                    {"id": "b", "text": f"Svar B {tag}", "correct": False},
                ],
            }
        ],
        pass_mark=80,
        org_unit=person.org_unit,
        org_unit_code=person.org_unit.code,
        submitted_at=now,
        correct_count=1,
        score=100,
        passed=True,
    )
    QuizAnswer.objects.create(attempt=attempt, question_id=f"q-{tag}", selected=["a"], correct=True)
    for completed in (course.intro_module, course.jav_module):
        record_module_completion(employee=person, module=completed, score=100)
    record_module_completion(employee=colleague, module=course.intro_module, score=100)
    record_module_completion(employee=colleague, module=course.jav_module, score=100)
    completion = CourseCompletion.objects.get(employee=colleague, course=course)
    revoke_certificate(certificate=completion.certificate, reason=f"Fel {tag}", user=user)

    session = CourseSession.objects.create(
        course=course,
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=2),
        format=CourseSession.Format.ON_SITE,
        location=f"Rum {tag}",
        booking_deadline=now + timedelta(days=8),
        leader=person,
    )
    Booking.objects.create(session=session, employee=person, status=Booking.Status.CONFIRMED)
    Attendance.objects.create(
        session=session, employee=person, status=Attendance.Status.PRESENT, marked_by=user
    )
    Attendance.objects.create(
        session=session, employee=colleague, status=Attendance.Status.ABSENT, marked_by=user
    )
    if not person.compliance.exists():
        ComplianceStatusFactory(employee=person, course=course)
    ReminderLog.objects.create(
        employee=person, course=course, kind=ReminderLog.Kind.BEFORE, sent_on=now.date()
    )
    OIDCIdentity.objects.create(issuer="https://idp.example", subject=f"sub-{tag}", user=user)
    ScimUser.objects.create(employee=person, user_name=f"scim-{tag}")
    TOTPDevice.objects.create(
        user=user, name=f"Telefon {tag}", key="3132333435363738393031323334353637383930"
    )
    UserProfile.get_for_user(user)
    CertificateExport.objects.create(requested_by=user, description=f"Urval {tag}")
    ReportBundle.objects.create(
        requested_by=user, period_start=now.date() - timedelta(days=30), period_end=now.date()
    )
    PeopleExport.objects.create(requested_by=user, export_format="xlsx", rows=3000)
    comment = Comment.objects.create(
        page=module, user=user, text=f"Kommentar {tag}", contentpath="title"
    )
    CommentReply.objects.create(comment=comment, user=user, text=f"Svar {tag}")
    Comment.objects.create(
        page=module,
        user=colleague.user,
        text=f"Kollegans kommentar {tag}",
        contentpath="title",
        resolved_by=user,
        resolved_at=now,
    )
    log(instance=module, action="wagtail.edit", user=user)
    log(instance=colleague, action="wagtail.edit", user=user, data={"secret": f"kollega {tag}"})
    hr = EmployeeFactory(
        org_unit=person.org_unit, user__first_name=f"Hedvig{tag}", user__last_name=f"Personal{tag}"
    )
    log(instance=person, action="wagtail.edit", user=hr.user, data={"note": f"om {tag}"})
    # HR saw the person's data; the person saw the colleague's (whom must not reach the extract).
    for viewer, shown in ((hr.user, person), (user, colleague)):
        access = PersonalDataAccess.objects.create(
            viewer=viewer,
            viewer_username=viewer.username,
            viewer_name=viewer.get_full_name(),
            action="reports.people.view",
            description=f"Uppföljning: Personer {tag}",
            purpose=PersonalDataAccess.Purpose.FOLLOW_UP,
            people_count=1,
        )
        PersonalDataAccessPerson.objects.create(
            access=access, employee=shown, accessed_at=access.accessed_at
        )
    return {"colleague": colleague, "hr": hr, "session": session}


@pytest.fixture
def full_person(course, unit, roles):
    person = EmployeeFactory(org_unit=unit, roles=[roles["handlaggare"]], manages=[unit])
    person.user.first_name, person.user.last_name = "Astrid", "Extraktsson"
    person.user.save()
    person.extras = give_everything(person, course, tag="A")
    return person


@pytest.fixture
def other_person(course, unit, roles):
    person = EmployeeFactory(org_unit=unit, roles=[roles["chef"]])
    person.user.first_name, person.user.last_name = "Bertil", "Annansson"
    person.user.save()
    person.extras = give_everything(person, course, tag="B")
    return person
