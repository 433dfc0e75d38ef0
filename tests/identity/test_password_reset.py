"""'Glömt lösenordet?': for every active employee, never telling whether an address exists."""

import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "ett nytt långt lösenord"  # noqa: S105


def _request_reset(client, email):
    return client.post(reverse("password_reset"), {"email": email})


def _link_path(message) -> str:
    return re.search(r"http\S+(/konto/nytt-losenord/\S+/)", message.body).group(1)


def test_an_employee_who_never_had_a_password_gets_a_link_and_can_log_in(
    client, home_page, invitee
):
    response = _request_reset(client, invitee.user.email.upper())
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert [m.to for m in mail.outbox] == [[invitee.user.email]]
    message = mail.outbox[0]
    assert message.subject == "Välj ett nytt lösenord till Vaksam"
    assert f"Ditt användarnamn är {invitee.user.username}." in message.body
    assert message.alternatives[0][1] == "text/html"

    form_page = client.get(_link_path(message), follow=True)
    assert "Välj ett nytt lösenord" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Lösenordet är sparat" in done.content.decode()
    login = client.post(
        reverse("login"), {"username": invitee.user.username, "password": NEW_PASSWORD}
    )
    assert login.status_code == 302
    client.logout()
    # The link is spent.
    again = client.get(_link_path(message), follow=True)
    assert "Länken fungerar inte" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, home_page, invitee):
    known = _request_reset(client, invitee.user.email)
    unknown = _request_reset(client, "ingen.alls@example.org")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert len(mail.outbox) == 1
    done = client.get(unknown["Location"])
    assert "Om adressen finns registrerad hos oss" in done.content.decode()


def test_the_lookup_and_mail_happen_in_the_background(client, home_page, invitee, settings):
    """The request only enqueues, for a known and an unknown address alike (same timing)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    _request_reset(client, invitee.user.email)
    _request_reset(client, "ingen.alls@example.org")
    queued = [(r.task.name, r.args) for r in default_task_backend.results]
    assert queued == [
        ("send_password_reset", [invitee.user.email]),
        ("send_password_reset", ["ingen.alls@example.org"]),
    ]
    assert mail.outbox == []


def test_a_deactivated_employee_gets_no_mail(client, home_page, make_invitee):
    person = make_invitee(is_active=False)
    _request_reset(client, person.user.email)
    assert mail.outbox == []


def test_an_invalid_address_gets_a_swedish_message(client, home_page):
    response = _request_reset(client, "inte en adress")
    assert response.status_code == 200
    assert "Fyll i en giltig e-postadress" in response.content.decode()


def test_reset_requests_are_rate_limited(client, home_page, invitee, settings):
    settings.PASSWORD_RESET_RATE_PER_CLIENT = "2/h"
    for address in ("a@example.org", "b@example.org"):
        assert _request_reset(client, address).status_code == 302
    response = _request_reset(client, invitee.user.email)
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()
    assert mail.outbox == []


def test_one_address_cannot_be_flooded_from_many_clients(client, home_page, invitee, settings):
    settings.PASSWORD_RESET_RATE = "2/h"
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(2):
        client.post(
            reverse("password_reset"),
            {"email": invitee.user.email},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    third = client.post(
        reverse("password_reset"), {"email": invitee.user.email}, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert third.status_code == 429
    assert len(mail.outbox) == 2


def test_wagtails_own_reset_is_replaced_by_ours(client, home_page):
    assert client.get("/admin/password_reset/").status_code == 404


def test_an_office_behind_one_address_can_all_ask_for_links(client, home_page, settings):
    """Twenty colleagues setting first passwords on the same morning are not one attacker."""
    settings.PASSWORD_RESET_RATE = "2/h"
    for n in range(20):
        assert _request_reset(client, f"kollega{n}@example.org").status_code == 302
