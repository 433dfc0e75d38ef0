"""One public address: every link that leaves the site starts from BASE_URL.

The certificate's verification link and QR code, the invitation, password reset, reminder and
booking mails and the calendar file are read away from any request; none may point at the
Host a request happened to carry, or at the development default.
"""

import re
from datetime import timedelta
from io import BytesIO

import pytest
import segno
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import Site

from certificates.pdf import certificate_html, certificate_pdf
from content.models import SiteSettings
from courses.compliance import recompute_compliance
from courses.models import AssignmentRule, CourseCompletion
from courses.reminders import send_reminders
from courses.services import record_module_completion
from identity.forms import EmployeePasswordResetForm
from identity.invitations import send_invitation
from sessions import booking
from sessions.models import CourseSession
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

SITE = "https://vaksam.example.se"


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.BASE_URL = SITE
    settings.WAGTAILADMIN_BASE_URL = SITE


def links(text: str) -> list[str]:
    """Every absolute address in a text, ours or not."""
    return re.findall(r"https?://[^\s\"'<>]+", text)


def ours(link: str) -> bool:
    return link == SITE or link.startswith(SITE + "/")


def test_the_certificate_links_and_qr_code_use_the_public_address(course, employee):
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module, score=100)
    certificate = CourseCompletion.objects.get(employee=employee).certificate
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    expected = SITE + reverse("certificates:verify", args=[certificate.display_code])

    text = PdfReader(BytesIO(certificate_pdf(certificate, site_settings=site_settings)))
    flat = "".join(text.pages[0].extract_text().split())  # the PDF may wrap the address
    assert expected in flat
    # The QR code encodes exactly that address (segno's output is deterministic).
    html = certificate_html(certificate, site_settings=site_settings)
    assert segno.make(expected, error="m").png_data_uri(scale=4, border=2) in html
    assert "127.0.0.1" not in html


def test_invitation_and_password_reset_mails_link_to_the_public_address(employee):
    send_invitation(employee=employee)
    form = EmployeePasswordResetForm(data={"email": employee.user.email})
    assert form.is_valid()
    form.send_all()
    invitation, reset = mail.outbox
    for message in (invitation, reset):
        found = links(message.body) + links(message.alternatives[0][0])
        assert found and all(ours(link) for link in found), found
    assert any("/konto/inbjudan/" in link for link in links(invitation.body))


def test_reminder_mails_link_to_the_public_address(course, roles, unit):
    AssignmentRule.objects.create(
        name="Alla",
        course=course,
        due_days=30,
        active_from=timezone.localdate() - timedelta(days=1000),
    )
    # Due in three days: a reminder goes today.
    EmployeeFactory(org_unit=unit, start_date=timezone.localdate() - timedelta(days=27))
    recompute_compliance()
    send_reminders(today=timezone.localdate())
    assert mail.outbox
    for message in mail.outbox:
        found = links(message.body)
        assert found and all(ours(link) for link in found), found
    assert any(link == SITE + reverse("my_courses") for m in mail.outbox for link in links(m.body))


def test_booking_mails_and_calendar_files_link_to_the_public_address(
    course, employee, django_capture_on_commit_callbacks
):
    starts_at = timezone.now() + timedelta(days=10)
    session = CourseSession.objects.create(
        course=course,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        format=CourseSession.Format.ON_SITE,
        location="Stadshuset",
        capacity=5,
        booking_deadline=starts_at - timedelta(days=2),
    )
    with django_capture_on_commit_callbacks(execute=True):
        booking.book(employee=employee, session=session)
    [message] = mail.outbox
    sessions = SITE + reverse("sessions")
    assert sessions in links(message.body)
    assert sessions in links(message.alternatives[0][0])
    [(_, calendar, _)] = message.attachments
    calendar = calendar.decode() if isinstance(calendar, bytes) else calendar
    unfolded = calendar.replace("\r\n ", "")  # iCalendar folds long lines
    assert sessions in unfolded
    assert "127.0.0.1" not in message.body + unfolded
