"""Remembered SSO links in the admin: only administrators see them, and may only remove one."""

import pytest
from django.urls import reverse

from identity.models import OIDCIdentity
from people.groups import HR
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"


@pytest.fixture
def link(unit):
    person = EmployeeFactory(org_unit=unit)
    return OIDCIdentity.objects.create(issuer=ISSUER, subject="sub-123", user=person.user)


@pytest.fixture
def administrator(client, unit):
    person = EmployeeFactory(org_unit=unit, user__is_superuser=True, user__is_staff=True)
    client.force_login(person.user)
    return person


def test_an_administrator_sees_the_links_and_can_remove_one(client, administrator, link):
    listing = client.get(reverse("oidc_identities:index"))
    assert listing.status_code == 200
    assert "sub-123" in listing.content.decode()
    assert client.get(reverse("oidc_identities:inspect", args=[link.pk])).status_code == 200

    response = client.post(reverse("oidc_identities:delete", args=[link.pk]))

    assert response.status_code == 302
    assert not OIDCIdentity.objects.exists()


def test_links_are_never_made_or_changed_by_hand(client, administrator, link):
    for url in (
        reverse("oidc_identities:add"),
        reverse("oidc_identities:edit", args=[link.pk]),
    ):
        response = client.post(
            url, {"user": administrator.user.pk, "issuer": ISSUER, "subject": "other"}
        )
        assert response.status_code in {302, 403}
    link.refresh_from_db()
    assert (link.subject, OIDCIdentity.objects.count()) == ("sub-123", 1)


def test_hr_cannot_see_or_remove_the_links(client, login_as_member, link):
    login_as_member(HR)
    listing = client.get(reverse("oidc_identities:index"))
    assert listing.status_code in {302, 403}
    assert "sub-123" not in listing.content.decode()
    client.post(reverse("oidc_identities:delete", args=[link.pk]))
    assert OIDCIdentity.objects.filter(pk=link.pk).exists()


def test_the_listing_reads_the_accounts_with_the_page(client, administrator, unit):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (3, 12):
        while OIDCIdentity.objects.count() < size:
            person = EmployeeFactory(org_unit=unit)
            OIDCIdentity.objects.create(issuer=ISSUER, subject=f"sub-{person.pk}", user=person.user)
        client.get(reverse("oidc_identities:index"))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("oidc_identities:index")).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
