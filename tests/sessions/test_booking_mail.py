"""Booking mails go from the worker after the booking is saved: a mail server that fails never
undoes or hides the booking, and never gives a 500."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from sessions.models import Booking, CourseSession

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

    monkeypatch.setattr("sessions.tasks.send_booking_email_task", Queue)
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


# The fault drill "cut the database connections": a booking saved, then the connection gone
# before the session (and the mail's task) were written, answered 500. Now the request that
# saved the booking answers success.


@pytest.mark.parametrize(
    "lost",
    [
        # The server closed the connection under the query (Django's store calls it UpdateError).
        "OperationalError",
        # The handle was already closed by an earlier failure (the mail's enqueue, say).
        "InterfaceError",
    ],
)
def test_a_booking_saved_before_the_connection_is_cut_answers_success(
    client, session, employee, monkeypatch, settings, django_capture_on_commit_callbacks, lost
):
    import time

    from django import db as django_db
    from django.contrib.sessions.models import Session

    from identity.session_timeout import LAST_SEEN

    settings.SESSION_ENGINE = "vaksam.sessions"  # production's engine (REDIS_URL set)
    client.force_login(employee.user)
    # Last seen over a minute ago: this request writes the session (identity.session_timeout),
    # as most requests of a learner with think time do.
    stored = client.session
    stored[LAST_SEEN] = int(time.time()) - 120
    stored.save()
    saves = []

    def cut(self, *args, **kwargs):
        saves.append(self.session_key)
        raise getattr(django_db, lost)("terminating connection due to administrator command")

    # After the booking commits, every write of the session finds the connection gone.
    monkeypatch.setattr(Session, "save", cut)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("session_book", args=[session.pk]))
    assert response.status_code == 302
    assert response.url == reverse("sessions")
    assert Booking.objects.get(employee=employee).status == Booking.Status.CONFIRMED
    assert len(saves) == 2  # tried again on a new connection, then kept in the cache
    monkeypatch.undo()
    # The session (with the success message) still reads back from the cache.
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Du är bokad" in page.content.decode()


def test_a_session_save_that_finds_the_row_deleted_still_refuses(
    client, employee, monkeypatch, settings
):
    """Only a lost connection is forgiven: a session deleted meanwhile is still Django's 400."""
    from django.contrib.sessions.backends.base import UpdateError

    from vaksam.sessions import SessionStore

    store = SessionStore()
    store["x"] = 1
    store.save(must_create=True)
    store.delete()
    store["x"] = 2
    with pytest.raises(UpdateError):
        store.save()


def test_the_mail_task_is_queued_again_when_the_connection_was_cut_after_commit(
    client, session, employee, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import OperationalError

    calls = []

    class Queue:
        @staticmethod
        def enqueue(*args):
            calls.append(args)
            if len(calls) == 1:
                raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("sessions.tasks.send_booking_email_task", Queue)
    client.force_login(employee.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("session_book", args=[session.pk]))
    assert response.status_code == 302
    booking = Booking.objects.get(employee=employee)
    assert calls == [(booking.pk, "confirmed"), (booking.pk, "confirmed")]


def test_a_booking_stands_when_the_mail_queue_cannot_be_reached_at_all(
    client, session, employee, monkeypatch, django_capture_on_commit_callbacks
):
    """The queue is the database: cut for good, the mail is lost, but not the booking, and the
    employee is told it is booked (the failure is only logged)."""
    from django.db import OperationalError

    calls = []

    class Queue:
        @staticmethod
        def enqueue(*args):
            calls.append(args)
            raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("sessions.tasks.send_booking_email_task", Queue)
    client.force_login(employee.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("session_book", args=[session.pk]), follow=True)
    assert response.status_code == 200
    assert "Du är bokad" in response.content.decode()
    booking = Booking.objects.get(employee=employee)
    assert booking.status == Booking.Status.CONFIRMED
    assert calls == [(booking.pk, "confirmed")] * 2  # tried once more, then given up
    assert mail.outbox == []
