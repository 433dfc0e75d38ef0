"""Booking mails go from the worker after the booking is saved: a mail server that fails never
undoes or hides the booking, and never gives a 500."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from courses.models import Booking, CourseSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(course):
    starts_at = timezone.now() + timedelta(days=10)
    return CourseSession.objects.create(
        course=course,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        format=CourseSession.Format.ONLINE,
        capacity=5,
        booking_deadline=starts_at - timedelta(days=2),
    )


def test_a_booking_whose_mail_fails_is_saved_and_the_employee_sees_success(
    client, session, employee, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    client.force_login(employee.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("session_book", args=[session.pk]), follow=True)
    assert response.status_code == 200
    assert "Du är bokad" in response.content.decode()
    assert Booking.objects.get(employee=employee).status == Booking.Status.CONFIRMED
    assert mail.outbox == []


def test_the_mail_is_a_task_enqueued_after_commit_not_sent_in_the_request(
    client, session, employee, django_capture_on_commit_callbacks, monkeypatch
):
    enqueued = []

    class Queue:
        @staticmethod
        def enqueue(*args):
            enqueued.append(args)

    monkeypatch.setattr("courses.tasks.send_booking_email_task", Queue)
    client.force_login(employee.user)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("session_book", args=[session.pk]))
    assert enqueued == [] and mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    booking = Booking.objects.get(employee=employee)
    assert enqueued == [(booking.pk, "confirmed")]
    assert mail.outbox == []


def test_the_mail_server_has_a_timeout(settings):
    from django.core.mail import get_connection

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert settings.EMAIL_TIMEOUT > 0
    assert get_connection().timeout == settings.EMAIL_TIMEOUT
