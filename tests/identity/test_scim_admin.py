"""SCIM tokens in the Wagtail admin: administrators see and revoke them, HR does not."""

import pytest
from django.urls import reverse

from identity.models import ScimToken
from people.groups import ADMINISTRATOR, HR


@pytest.fixture
def record(db):
    return ScimToken.issue("Entra ID")[0]


def test_an_administrator_sees_the_tokens_and_revokes_one(client, login_as_member, record):
    login_as_member(ADMINISTRATOR)
    response = client.get(reverse("scim_tokens:index"))
    assert response.status_code == 200
    assert "Entra ID" in response.content.decode()
    assert record.lookup in response.content.decode()
    edit = reverse("scim_tokens:edit", args=[record.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"name": "Entra ID", "revoke": "on"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.is_revoked
    assert ScimToken.objects.usable().count() == 0


def test_tokens_are_neither_added_nor_deleted_in_the_admin(client, login_as_member, record):
    """Adding would need to show the secret; deleting would orphan the audit trail."""
    login_as_member(ADMINISTRATOR)
    assert client.get(reverse("scim_tokens:add")).status_code in (302, 403)
    assert client.post(reverse("scim_tokens:delete", args=[record.pk])).status_code in (302, 403)
    assert ScimToken.objects.filter(pk=record.pk).exists()


def test_hr_cannot_see_or_revoke_tokens(client, login_as_member, record):
    login_as_member(HR)
    assert client.get(reverse("scim_tokens:index")).status_code in (302, 403)
    edit = reverse("scim_tokens:edit", args=[record.pk])
    client.post(edit, {"name": "Entra ID", "revoke": "on"})
    record.refresh_from_db()
    assert not record.is_revoked
