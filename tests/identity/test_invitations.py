"""Invitations: a Swedish e-mail with a one-time link to set a first password."""

import io
import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.models import ModelLogEntry

from identity.invitations import invite, send_invitation
from identity.tokens import InvitationTokenGenerator
from people.groups import ADMINISTRATOR, KURSANSVARIG, ensure_groups
from people.models import Employee
from tests.factories import EmployeeFactory, OrgUnitFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "en lång lösenfras för vaksam"  # noqa: S105
BULK_INVITE = "/admin/bulk/people/employee/invite/"


def _link(message) -> str:
    return re.search(r"http\S+/konto/inbjudan/\S+/", message.body).group(0)


def _path(url: str) -> str:
    return url.split("127.0.0.1:8000", 1)[1]


def _open(client, url):
    """Follow the link as a browser would: Django swaps the token for a session marker."""
    return client.get(_path(url), follow=True)


def test_the_invitation_is_a_swedish_mail_with_text_and_html(invitee):
    send_invitation(employee=invitee)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [invitee.user.email]
    assert message.subject == "Välkommen till Vaksam: välj ditt lösenord"
    assert f"Hej {invitee.user.first_name}!" in message.body
    assert f"Ditt användarnamn är {invitee.user.username}." in message.body
    assert "Länken fungerar en gång och i 14 dagar." in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="sv">' in html
    assert f'href="{_link(message)}"' in html


def test_the_link_sets_a_password_and_then_works_only_once(client, home_page, invitee):
    send_invitation(employee=invitee)
    link = _link(mail.outbox[0])
    form_page = _open(client, link)
    assert form_page.status_code == 200
    assert "Välkommen! Välj ditt lösenord" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_complete")
    invitee.user.refresh_from_db()
    assert invitee.user.check_password(NEW_PASSWORD)

    login = client.post(
        reverse("login"), {"username": invitee.user.username, "password": NEW_PASSWORD}
    )
    assert login.status_code == 302
    client.logout()

    again = _open(client, link)
    assert "Länken har redan använts eller har gått ut" in again.content.decode()
    assert "new_password1" not in again.content.decode()


def test_an_expired_link_is_refused_in_swedish(client, home_page, invitee, monkeypatch):
    send_invitation(employee=invitee)
    link = _link(mail.outbox[0])
    # Still valid on day 13, though Django's own reset links last only an hour here.
    monkeypatch.setattr(
        InvitationTokenGenerator, "_now", lambda self: datetime.now() + timedelta(days=13)
    )
    assert "new_password1" in _open(client, link).content.decode()
    client.session.flush()
    monkeypatch.setattr(
        InvitationTokenGenerator, "_now", lambda self: datetime.now() + timedelta(days=15)
    )
    expired = _open(client, link)
    assert expired.status_code == 200
    assert "Länken fungerar inte" in expired.content.decode()
    assert "Länken har redan använts eller har gått ut" in expired.content.decode()


def test_a_password_reset_token_is_not_an_invitation(client, home_page, invitee):
    uid = urlsafe_base64_encode(force_bytes(invitee.user.pk))
    token = default_token_generator.make_token(invitee.user)
    response = client.get(f"/konto/inbjudan/{uid}/{token}/", follow=True)
    assert "Länken fungerar inte" in response.content.decode()


def test_passwords_need_twelve_characters(client, home_page, invitee):
    send_invitation(employee=invitee)
    form_page = _open(client, _link(mail.outbox[0]))
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "kort-ord-11", "new_password2": "kort-ord-11"},
    )
    assert response.status_code == 200
    assert "minst 12 tecken" in response.content.decode()
    invitee.user.refresh_from_db()
    assert not invitee.user.has_usable_password()


# The command


@pytest.fixture
def organisation(make_invitee):
    top = OrgUnitFactory(code="SDN")
    child = OrgUnitFactory(code="IFO", parent=top)
    grandchild = OrgUnitFactory(code="IFO-BoU", parent=child)
    elsewhere = OrgUnitFactory(code="KS")
    people = {
        "in_child": make_invitee(org_unit=child),
        "in_grandchild": make_invitee(org_unit=grandchild),
        "in_top": make_invitee(org_unit=top),
        "elsewhere": make_invitee(org_unit=elsewhere),
        "has_password": EmployeeFactory(org_unit=child),
        "no_email": make_invitee(org_unit=child),
        "inactive": make_invitee(org_unit=child, is_active=False),
    }
    people["no_email"].user.email = ""
    people["no_email"].user.save()
    return people


def test_the_command_invites_the_units_subtree(organisation):
    out = io.StringIO()
    call_command("invite_employees", "--unit", "IFO", stdout=out)
    invited = {message.to[0] for message in mail.outbox}
    expected = {organisation[key].user.email for key in ("in_child", "in_grandchild")}
    assert invited == expected
    assert f"Inbjuden: {organisation['in_child'].full_name}" in out.getvalue()
    assert "2 inbjudningar" in out.getvalue()
    assert ModelLogEntry.objects.filter(action="identity.invite").count() == 2


def test_the_command_without_a_unit_invites_everyone_who_cannot_log_in(organisation):
    call_command("invite_employees", stdout=io.StringIO())
    assert len(mail.outbox) == 4


def test_dry_run_sends_nothing(organisation):
    out = io.StringIO()
    call_command("invite_employees", "--unit", "IFO", "--dry-run", stdout=out)
    assert mail.outbox == []
    assert f"Skulle bjudas in: {organisation['in_grandchild'].full_name}" in out.getvalue()
    assert "Provkörning, inget skickat: 2 inbjudningar" in out.getvalue()
    assert not ModelLogEntry.objects.filter(action="identity.invite").exists()


def test_an_unknown_unit_is_a_clear_error(organisation):
    with pytest.raises(CommandError, match="Det finns ingen enhet med koden NOPE"):
        call_command("invite_employees", "--unit", "NOPE")


# The admin


@pytest.fixture
def protected(make_invitee):
    """A course coordinator: an account with admin access that only administrators change."""
    person = make_invitee()
    person.user.groups.add(ensure_groups()[KURSANSVARIG])
    return person


def test_hr_invites_a_selection_from_the_listing(client, login_as_member, make_invitee):
    hr = login_as_member("HR")
    first, second = make_invitee(), make_invitee()
    url = f"{BULK_INVITE}?id={first.pk}&id={second.pk}"
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert first.user.email in confirm.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.user.email, second.user.email])
    entries = ModelLogEntry.objects.filter(action="identity.invite")
    assert {entry.user_id for entry in entries} == {hr.user.pk}
    assert {int(entry.object_id) for entry in entries} == {first.pk, second.pk}


def test_hr_cannot_invite_a_protected_account(client, login_as_member, protected):
    login_as_member("HR")
    url = f"{BULK_INVITE}?id={protected.pk}"
    confirm = client.get(url)
    assert "Kontot har behörigheter som bara en administratör får ändra." in (
        confirm.content.decode()
    )
    client.post(url)
    assert mail.outbox == []
    # Not through the service either, whatever the view does.
    hr_user = Employee.objects.exclude(pk=protected.pk).get(user__groups__name="HR").user
    result = invite(employees=Employee.objects.filter(pk=protected.pk), invited_by=hr_user)
    assert result.sent == [] and mail.outbox == []


def test_an_administrator_may_invite_a_protected_account(client, login_as_member, protected):
    login_as_member(ADMINISTRATOR)
    client.post(f"{BULK_INVITE}?id={protected.pk}")
    assert [m.to[0] for m in mail.outbox] == [protected.user.email]


def test_someone_with_a_password_gets_no_invitation(client, login_as_member, employee):
    login_as_member("HR")
    confirm = client.get(f"{BULK_INVITE}?id={employee.pk}")
    assert "Personen har redan ett lösenord" in confirm.content.decode()
    client.post(f"{BULK_INVITE}?id={employee.pk}")
    assert mail.outbox == []


def test_a_coordinator_cannot_invite(client, login_as_member, invitee):
    login_as_member(KURSANSVARIG)
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    for response in (
        client.get(f"{BULK_INVITE}?id={invitee.pk}"),
        client.post(f"{BULK_INVITE}?id={invitee.pk}"),
    ):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert mail.outbox == []


def test_the_employee_pages_offer_the_invitation(client, login_as_member, invitee):
    login_as_member("HR")
    listing = client.get("/admin/people/employees/")
    assert listing.status_code == 200
    assert "data-bulk-action-checkbox" in listing.content.decode()
    assert "Skicka inbjudan" in listing.content.decode()
    edit = client.get(f"/admin/people/employees/edit/{invitee.pk}/")
    assert f"{BULK_INVITE}?id={invitee.pk}" in edit.content.decode()
