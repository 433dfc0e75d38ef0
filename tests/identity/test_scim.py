"""SCIM provisioning at /scim/v2/: Entra ID's requests, tokens, limits, refusals and audit."""

import hashlib
import json
import logging
from io import StringIO
from unittest.mock import ANY

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from courses.models import AssignmentRule, ComplianceStatus
from identity.models import ScimToken, ScimUser
from people.groups import HR, ensure_groups
from people.models import Employee
from tests.factories import EmployeeFactory, OrgUnitFactory, RoleFactory, UserFactory

ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


@pytest.fixture
def units(db):
    top = OrgUnitFactory(code="SOC", kind="forvaltning")
    return {
        "SOC": top,
        "BOU": OrgUnitFactory(code="BOU", parent=top),
        "EKO": OrgUnitFactory(code="EKO", kind="forvaltning"),
    }


@pytest.fixture
def token(db):
    return ScimToken.issue("Entra ID")[1]


@pytest.fixture
def scim(client, token):
    """Call /scim/v2/ with the token, as Entra ID does; returns (status, JSON or None, response)."""

    def call(method, path, body=None, *, bearer=token, raw=None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {bearer}"} if bearer else {}
        data = raw if raw is not None else (json.dumps(body) if body is not None else "")
        response = client.generic(
            method, f"/scim/v2/{path}", data, content_type="application/scim+json", **headers
        )
        content = json.loads(response.content) if response.content else None
        return response.status_code, content, response

    return call


def user_body(number="1001", unit="BOU", **extra):
    body = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
        "userName": f"person{number}@kommun.se",
        "externalId": f"ext-{number}",
        "active": True,
        "name": {"givenName": "Åsa", "familyName": "Lindström"},
        "emails": [{"value": f"person{number}@kommun.se", "type": "work", "primary": True}],
        "title": "Handläggare",
        ENTERPRISE: {"employeeNumber": number, "department": unit},
        # Entra ID's default mappings carry attributes Vaksam does not keep.
        "displayName": "Åsa Lindström",
        "phoneNumbers": [{"value": "08-123 45 67", "type": "work"}],
    }
    body.update(extra)
    return body


def patch(*operations):
    return {"schemas": [PATCH], "Operations": list(operations)}


@pytest.fixture
def created(scim, units):
    RoleFactory(code="handlaggare", name="Handläggare")
    status, body, _response = scim("POST", "Users", user_body())
    assert status == 201, body
    return body


def test_create_makes_an_employee_as_the_import_does(created, units):
    """A new person: username = employee number, unusable password, unit and role mapped."""
    employee = Employee.objects.get(employee_number="1001")
    assert employee.user.username == "1001"
    assert not employee.user.has_usable_password()
    assert employee.org_unit == units["BOU"]
    assert employee.role_codes() == {"handlaggare"}
    assert (employee.user.first_name, employee.user.email) == ("Åsa", "person1001@kommun.se")
    assert created["id"] == str(ScimUser.objects.get(employee=employee).pk)
    assert created[ENTERPRISE]["department"] == "BOU"
    # Attributes Vaksam does not keep are dropped, not stored and not returned.
    assert "phoneNumbers" not in created and "displayName" not in created


def test_create_takes_over_an_imported_employee(scim, units):
    """Someone already in Vaksam (from the import) is linked by employee number, not doubled."""
    imported = EmployeeFactory(employee_number="2002", org_unit=units["SOC"])
    status, body, _ = scim("POST", "Users", user_body("2002", unit="EKO"))
    assert status == 201, body
    imported.refresh_from_db()
    assert imported.org_unit == units["EKO"]
    assert Employee.objects.filter(employee_number="2002").count() == 1
    status, body, _ = scim("POST", "Users", user_body("2002", userName="other@kommun.se"))
    assert status == 409


def test_get_and_filters(scim, created):
    status, body, _ = scim("GET", f"Users/{created['id']}")
    assert status == 200 and body["userName"] == "person1001@kommun.se"
    for query in (
        'userName eq "PERSON1001@kommun.se"',  # userName is case-insensitive
        'externalId eq "ext-1001"',
        f'{ENTERPRISE}:employeeNumber eq "1001"',
        'emails.value eq "person1001@kommun.se"',
        'emails[value eq "person1001@kommun.se"]',
        'userName sw "person1001" and active eq true',
    ):
        status, body, _ = scim("GET", f"Users?filter={query}")
        assert status == 200, body
        assert [r["id"] for r in body["Resources"]] == [created["id"]], query
    status, body, _ = scim("GET", 'Users?filter=userName eq "nobody@kommun.se"')
    assert (status, body["totalResults"], body.get("Resources", [])) == (200, 0, [])
    status, body, _ = scim("GET", 'Users?filter=nickName eq "x"')
    assert status == 400 and body["scimType"] in ("invalidFilter", "invalidPath")
    status, body, _ = scim("GET", "Users?filter=userName eq")
    assert status == 400


def test_pagination_by_start_index_and_count(scim, units):
    ids = [scim("POST", "Users", user_body(str(3000 + n)))[1]["id"] for n in range(5)]
    status, body, _ = scim("GET", "Users?startIndex=2&count=2")
    assert status == 200
    assert body["totalResults"] == 5 and body["startIndex"] == 2 and body["itemsPerPage"] == 2
    assert [r["id"] for r in body["Resources"]] == ids[1:3]
    status, body, _ = scim("GET", "Users?startIndex=5&count=10")
    assert [r["id"] for r in body["Resources"]] == ids[4:]


def test_entra_patch_shapes(scim, created, units):
    """Capitalised ops, "False" as a string, a path-less dict of dotted names, a filtered email
    path and a manager as a bare id: Entra ID's shapes all apply."""
    manager = scim("POST", "Users", user_body("9009"))[1]
    status, body, _ = scim(
        "PATCH",
        f"Users/{created['id']}",
        patch(
            {
                "op": "Replace",
                "value": {
                    "name.givenName": "Åsa-Maria",
                    f"{ENTERPRISE}:employeeNumber": "1001",
                    f"{ENTERPRISE}:department": "EKO",
                    "title": "Socialsekreterare",
                },
            },
            {"op": "Add", "path": 'emails[type eq "work"].value', "value": "asa@kommun.se"},
            {"op": "Add", "path": f"{ENTERPRISE}:manager", "value": manager["id"]},
        ),
    )
    assert status == 204, body
    employee = Employee.objects.select_related("user").get(employee_number="1001")
    assert employee.user.first_name == "Åsa-Maria"
    assert employee.user.email == "asa@kommun.se"
    assert employee.org_unit == units["EKO"]
    link = ScimUser.objects.get(employee=employee)
    assert str(link.manager_id) == manager["id"] and link.title == "Socialsekreterare"
    # The manager is the person's own manager, not a grant: they lead no unit because of it.
    assert not Employee.objects.get(employee_number="9009").manages.exists()
    status, body, _ = scim("GET", f"Users/{created['id']}")
    assert body[ENTERPRISE]["manager"]["value"] == manager["id"]

    status, body, _ = scim(
        "PATCH",
        f"Users/{created['id']}",
        patch({"op": "Replace", "path": "active", "value": "False"}),
    )
    assert status == 204, body
    employee.refresh_from_db()
    employee.user.refresh_from_db()
    assert not employee.is_active and not employee.user.is_active
    status, body, _ = scim("GET", f"Users/{created['id']}")
    assert body["active"] is False

    status, body, _ = scim(
        "PATCH", f"Users/{created['id']}", patch({"op": "replace", "value": {"active": True}})
    )
    employee.refresh_from_db()
    assert status == 204 and employee.is_active


def test_title_maps_to_a_role_and_an_unknown_title_gives_none(scim, created):
    """An unknown title is not an error (titles are free text); the audit entry names it."""
    status, _, _ = scim(
        "PATCH",
        f"Users/{created['id']}",
        patch({"op": "Replace", "path": "title", "value": "Kock"}),
    )
    assert status == 204
    assert Employee.objects.get(employee_number="1001").role_codes() == set()
    entry = ModelLogEntry.objects.filter(action="identity.scim").latest("timestamp")
    assert "Kock" in entry.data["notes"][0]
    scim(
        "PATCH",
        f"Users/{created['id']}",
        patch({"op": "Replace", "path": "title", "value": "handlaggare"}),
    )
    assert Employee.objects.get(employee_number="1001").role_codes() == {"handlaggare"}
    # No title at all: no role from it.
    status, _, _ = scim("PATCH", f"Users/{created['id']}", patch({"op": "Remove", "path": "title"}))
    assert status == 204
    assert Employee.objects.get(employee_number="1001").role_codes() == set()


def test_delete_deprovisions_and_keeps_the_history(scim, created):
    status, body, _ = scim("DELETE", f"Users/{created['id']}")
    assert status == 204, body
    status, body, _ = scim("GET", f"Users/{created['id']}")
    assert status == 404 and body["status"] == "404"
    assert scim("GET", 'Users?filter=userName eq "person1001@kommun.se"')[1]["totalResults"] == 0
    employee = Employee.objects.get(employee_number="1001")  # never deleted
    assert not employee.is_active and not employee.user.is_active
    assert ScimUser.objects.get(pk=created["id"]).deprovisioned_at is not None
    # Provisioned again later: a new SCIM id for the same person.
    status, body, _ = scim("POST", "Users", user_body())
    assert status == 201 and body["id"] != created["id"]
    employee.refresh_from_db()
    assert employee.is_active


@pytest.mark.parametrize("bearer", [None, "nonsense", "vaksam_scim_0123456789abnotreal"])
def test_no_valid_token_is_401_with_a_bearer_challenge(scim, units, bearer):
    status, body, response = scim("GET", "Users", bearer=bearer)
    assert status == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert body["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    status, _, _ = scim("POST", "Users", user_body(), bearer=bearer)
    assert status == 401 and not Employee.objects.exists()


def test_a_revoked_token_is_refused(scim, token, units):
    assert scim("GET", "Users")[0] == 200
    ScimToken.objects.get().revoke()
    assert scim("GET", "Users")[0] == 401


def test_a_logged_in_administrator_without_a_token_is_refused(client, units):
    """A session is not a credential here: the people list is only for provisioning clients."""
    admin = get_user_model().objects.create_superuser("root", "root@kommun.se", "x" * 16)
    client.force_login(admin)
    response = client.get("/scim/v2/Users")
    assert response.status_code == 401


def test_service_provider_config_needs_no_token(client, db):
    response = client.get("/scim/v2/ServiceProviderConfig")
    assert response.status_code == 200
    assert json.loads(response.content)["patch"]["supported"] is True


def test_each_token_is_rate_limited(scim, settings, units):
    settings.SCIM_RATE_LIMIT = "3/m"
    assert [scim("GET", "Users")[0] for _ in range(3)] == [200, 200, 200]
    status, body, _ = scim("GET", "Users")
    assert status == 429 and body["status"] == "429"
    # Another client's token has its own budget.
    other = ScimToken.issue("Keycloak")[1]
    assert scim("GET", "Users", bearer=other)[0] == 200


def test_protected_accounts_are_never_linked_by_scim(scim, units):
    """An HR member's account could be taken over through its e-mail: SCIM gets 403."""
    hr = EmployeeFactory(employee_number="4004", org_unit=units["SOC"])
    hr.user.groups.add(ensure_groups()[HR])
    email = hr.user.email
    for body in (user_body("4004"), user_body("4004", active=False)):
        status, error, _ = scim("POST", "Users", body)
        assert status == 403, error
    hr.refresh_from_db()
    hr.user.refresh_from_db()
    assert hr.user.email == email and hr.org_unit == units["SOC"] and hr.user.is_active
    assert not ScimUser.objects.exists()


@pytest.fixture
def protected(scim, units):
    """Linked while ordinary, given admin access later: SCIM may now only switch it off."""
    created = scim("POST", "Users", user_body("5005"))[1]
    person = Employee.objects.select_related("user").get(employee_number="5005")
    person.user.is_staff = True
    person.user.save()
    return created, person


@pytest.mark.parametrize(
    "operations",
    [
        [{"op": "Replace", "path": "name.givenName", "value": "Mallory"}],
        [{"op": "Replace", "path": 'emails[type eq "work"].value', "value": "m@evil.se"}],
        [{"op": "Replace", "path": "userName", "value": "mallory@kommun.se"}],
        [{"op": "Replace", "path": f"{ENTERPRISE}:employeeNumber", "value": "6006"}],
        [{"op": "Replace", "path": f"{ENTERPRISE}:department", "value": "EKO"}],
        [{"op": "Replace", "path": "title", "value": "Chef"}],
        # A deactivation carrying any other change is refused whole, down to an address's
        # type or which address is the primary one.
        [
            {"op": "Replace", "path": "active", "value": False},
            {"op": "Replace", "path": 'emails[type eq "work"].value', "value": "m@evil.se"},
        ],
        [
            {"op": "Replace", "path": "active", "value": False},
            {
                "op": "Replace",
                "path": "emails",
                "value": [{"value": "person5005@kommun.se", "type": "home", "primary": True}],
            },
        ],
        [
            {"op": "Replace", "path": "active", "value": False},
            {
                "op": "Replace",
                "path": "emails",
                "value": [{"value": "person5005@kommun.se", "type": "work", "primary": False}],
            },
        ],
    ],
)
def test_protected_accounts_refuse_every_change_but_deactivation(scim, protected, operations):
    created, person = protected
    status, error, _ = scim("PATCH", f"Users/{created['id']}", patch(*operations))
    assert status == 403, error
    assert error["detail"] == (
        "Kontot har administratörsbehörighet och ändras inte genom SCIM, utom att det kan "
        "avaktiveras; en administratör ändrar det i Vaksam."
    )
    person.refresh_from_db()
    person.user.refresh_from_db()
    assert person.is_active and person.user.is_active
    assert (person.user.first_name, person.user.email) == ("Åsa", "person5005@kommun.se")
    assert person.org_unit.code == "BOU"
    assert scim("GET", f"Users/{created['id']}")[1] == created | {"meta": ANY}


def test_a_protected_leaver_is_deactivated_and_it_is_audited(scim, protected):
    """An administrator who leaves is disabled in Entra ID: Vaksam must follow (and say so)."""
    created, person = protected
    status, error, _ = scim(
        "PATCH",
        f"Users/{created['id']}",
        patch({"op": "Replace", "path": "active", "value": "False"}),
    )
    assert status == 204, error
    person.refresh_from_db()
    person.user.refresh_from_db()
    assert not person.is_active and not person.user.is_active
    assert person.user.is_staff  # the powers are an administrator's to remove
    entry = ModelLogEntry.objects.filter(action="identity.scim").latest("timestamp")
    assert entry.data["status"] == 204
    assert entry.data["notes"] == [
        "Kontot har administratörsbehörighet: det avaktiverades genom SCIM, men dess grupper "
        "och behörigheter finns kvar tills en administratör tar bort dem."
    ]
    assert "avaktiverades" in entry.message

    # Again (Entra ID retries), or as a PUT of the same state: still allowed, changes nothing.
    status, _, _ = scim(
        "PATCH",
        f"Users/{created['id']}",
        patch({"op": "Replace", "path": "active", "value": False}),
    )
    assert status == 204
    current = scim("GET", f"Users/{created['id']}")[1]
    assert scim("PUT", f"Users/{created['id']}", current)[0] == 200

    # Coming back is an administrator's decision, not the directory's.
    status, error, _ = scim(
        "PATCH", f"Users/{created['id']}", patch({"op": "Replace", "path": "active", "value": True})
    )
    assert status == 403, error
    assert scim("PUT", f"Users/{created['id']}", current | {"active": True})[0] == 403
    person.user.refresh_from_db()
    assert not person.user.is_active


def test_a_protected_leaver_can_be_deleted(scim, protected):
    created, person = protected
    status, error, _ = scim("DELETE", f"Users/{created['id']}")
    assert status == 204, error
    person.refresh_from_db()
    person.user.refresh_from_db()
    assert not person.is_active and not person.user.is_active and person.user.is_staff
    assert ScimUser.objects.get(pk=created["id"]).deprovisioned_at is not None
    entry = ModelLogEntry.objects.filter(action="identity.scim").latest("timestamp")
    assert entry.data["notes"] == [
        "Kontot har administratörsbehörighet: det avregistrerades och avaktiverades genom SCIM, "
        "men dess grupper och behörigheter finns kvar tills en administratör tar bort dem."
    ]


def test_unknown_unit_is_400_and_writes_nothing(scim, units):
    status, body, _ = scim("POST", "Users", user_body(unit="NOPE"))
    assert status == 400 and body["scimType"] == "invalidValue"
    assert "NOPE" in body["detail"] and "finns inte" in body["detail"]
    assert not Employee.objects.exists() and not get_user_model().objects.exists()
    assert not ScimUser.objects.exists()


def test_unknown_unit_in_a_patch_changes_nothing(scim, created, units):
    status, body, _ = scim(
        "PATCH",
        f"Users/{created['id']}",
        patch(
            {"op": "Replace", "path": "name.givenName", "value": "Ändrad"},
            {"op": "Replace", "path": f"{ENTERPRISE}:department", "value": "NOPE"},
        ),
    )
    assert status == 400, body
    employee = Employee.objects.select_related("user").get(employee_number="1001")
    assert employee.user.first_name == "Åsa" and employee.org_unit == units["BOU"]


@pytest.mark.parametrize(
    "raw",
    [
        "{not json",
        json.dumps([1, 2, 3]),
        json.dumps({**user_body(), "active": "kanske"}),
        json.dumps({**user_body(), "userName": {"nested": True}}),
        json.dumps({**user_body(), "emails": "person@kommun.se"}),
        json.dumps({**user_body(), "emails": [{"value": "inte-en-adress", "primary": True}]}),
        json.dumps({k: v for k, v in user_body().items() if k != ENTERPRISE}),
    ],
)
def test_bad_input_is_a_client_error_never_500(scim, units, raw):
    status, body, _ = scim("POST", "Users", raw=raw)
    assert status == 400, body
    assert body["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert not Employee.objects.exists()


def test_bad_patches_are_400(scim, created):
    for raw in (
        json.dumps({"schemas": [PATCH], "Operations": [{"op": "Explode", "path": "title"}]}),
        json.dumps(patch({"op": "Replace", "path": "active", "value": "kanske"})),
        json.dumps(patch({"op": "Add", "path": f"{ENTERPRISE}:manager", "value": "no-such-id"})),
    ):
        status, body, _ = scim("PATCH", f"Users/{created['id']}", raw=raw)
        assert status == 400, (raw, body)


def test_a_huge_body_is_refused_before_it_is_read(scim, settings, units):
    settings.SCIM_MAX_BODY_BYTES = 2048
    body = user_body(title="x" * 4096)
    status, error, _ = scim("POST", "Users", body)
    assert status == 413 and error["status"] == "413"
    assert not Employee.objects.exists()


def test_moving_a_person_by_scim_recomputes_their_compliance(scim, created, units, course):
    """An assignment rule for a unit reaches a person as soon as SCIM moves them there."""
    rule = AssignmentRule.objects.create(name="Ekonomi", course=course)
    rule.units.set([units["EKO"]])
    employee = Employee.objects.get(employee_number="1001")
    assert not ComplianceStatus.objects.filter(employee=employee, course=course).exists()
    status, _, _ = scim(
        "PATCH",
        f"Users/{created['id']}",
        patch({"op": "Replace", "path": f"{ENTERPRISE}:department", "value": "EKO"}),
    )
    assert status == 204
    assert ComplianceStatus.objects.filter(employee=employee, course=course).exists()


def test_requests_are_audit_logged_under_the_tokens_name(scim, created):
    scim("GET", f"Users/{created['id']}")
    scim("DELETE", f"Users/{created['id']}")
    entries = ModelLogEntry.objects.filter(action="identity.scim").order_by("timestamp")
    logged = [
        (e.data["method"], e.data["resource"], e.data["id"], e.data["status"]) for e in entries
    ]
    assert logged == [
        ("POST", "Users", created["id"], 201),
        ("GET", "Users", created["id"], 200),
        ("DELETE", "Users", created["id"], 204),
    ]
    assert {e.data["token"] for e in entries} == {"Entra ID"}
    assert "Entra ID: DELETE Users" in entries.last().message


def test_csrf_does_not_apply_to_scim(token, units):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/scim/v2/Users",
        json.dumps(user_body()),
        content_type="application/scim+json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201


def test_create_scim_token_prints_the_token_last_and_stores_only_its_hash(client, units):
    out = StringIO()
    call_command("create_scim_token", "Entra ID prod", stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    record = ScimToken.objects.get(name="Entra ID prod")
    assert record.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = [str(value) for value in ScimToken.objects.values_list().get(pk=record.pk)]
    assert not any(token in value or value in token for value in stored if len(value) > 12)
    response = client.get("/scim/v2/Users", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    record.refresh_from_db()
    assert record.last_used_at is not None


def _enterprise(number="1001", unit="BOU"):
    return {ENTERPRISE: {"employeeNumber": number, "department": unit}}


@pytest.mark.parametrize(
    ("body", "attribute"),
    [
        (user_body(**_enterprise("1" * 51)), "employeeNumber"),
        (user_body(userName="a" * 246 + "@kommun.se"), "userName"),
        (user_body(externalId="e" * 256), "externalId"),
        (user_body(title="t" * 256), "title"),
        # A valid address, but longer than the account's e-mail column (254).
        (
            user_body(emails=[{"value": "a" * 201 + "@" + "k" * 50 + ".se", "primary": True}]),
            "e-post",
        ),
        (user_body(name={"givenName": "Å" * 151, "familyName": "L"}), "givenName"),
        (user_body(name={"givenName": "Åsa", "familyName": "L" * 151}), "familyName"),
        (user_body(userName="a\x00b@kommun.se"), "userName"),
        (user_body(**_enterprise("10\x0001")), "employeeNumber"),
        (user_body(name={"givenName": "Å\x00sa", "familyName": "L"}), "givenName"),
        (user_body(title="Handl\x00äggare"), "title"),
        (user_body(**_enterprise("1001", "BO\x00U")), "department"),
        (user_body(emails=[{"value": "a@kommun.se", "type": "wo\x00rk"}]), "e-post"),
    ],
)
def test_too_long_values_and_nul_bytes_are_400_not_500(scim, units, body, attribute):
    """What the columns cannot hold (PostgreSQL refuses long text and NUL) is a clear 400."""
    status, error, _ = scim("POST", "Users", body)
    assert status == 400, error
    assert error["scimType"] == "invalidValue"
    # The message starts with the attribute, as the client named it.
    named = error["detail"].split(" ", 1)[0].removeprefix("name.")
    assert named in (attribute, "e-postadressen"), error["detail"]
    assert attribute in error["detail"]
    assert not Employee.objects.exists() and not ScimUser.objects.exists()


def test_values_exactly_as_long_as_their_column_are_stored(scim, units):
    body = user_body(title="t" * 255, externalId="e" * 255, **_enterprise("1" * 50))
    status, created, _ = scim("POST", "Users", body)
    assert status == 201, created
    assert len(ScimUser.objects.get().title) == 255


@pytest.mark.parametrize(
    ("emails", "chosen"),
    [
        # The primary one, wherever it is.
        (
            [
                {"value": "hem@example.se", "type": "home"},
                {"value": "Jobb@Kommun.se", "type": "work"},
                {"value": "vald@kommun.se", "type": "other", "primary": True},
            ],
            "vald@kommun.se",
        ),
        # Else a work one, whatever the case of its type.
        (
            [
                {"value": "hem@example.se", "type": "home"},
                {"value": "jobb@kommun.se", "type": "Work"},
            ],
            "jobb@kommun.se",
        ),
        # Else the first.
        (
            [{"value": "forsta@example.se", "type": "home"}, {"value": "andra@example.se"}],
            "forsta@example.se",
        ),
    ],
)
def test_the_account_uses_the_primary_else_a_work_else_the_first_address(
    scim, units, emails, chosen
):
    status, body, _ = scim("POST", "Users", user_body(emails=emails))
    assert status == 201, body
    assert Employee.objects.get(employee_number="1001").user.email == chosen


def test_a_person_cannot_be_their_own_manager(scim, created):
    status, body, _ = scim(
        "PATCH",
        f"Users/{created['id']}",
        patch({"op": "Add", "path": f"{ENTERPRISE}:manager", "value": created["id"]}),
    )
    assert status == 400, body
    assert ScimUser.objects.get(pk=created["id"]).manager is None


def test_too_long_values_in_a_patch_change_nothing(scim, created):
    status, error, _ = scim(
        "PATCH",
        f"Users/{created['id']}",
        patch({"op": "Replace", "path": "name.givenName", "value": "Å" * 151}),
    )
    assert status == 400 and "150" in error["detail"], error
    assert Employee.objects.get(employee_number="1001").user.first_name == "Åsa"


@pytest.mark.parametrize(
    "query",
    [
        'filter=userName eq "a\\u0000"',
        'filter=userName eq "a%00"',
        'filter=title co "\\u0000"',
    ],
)
def test_nul_in_a_filter_is_an_invalid_filter(scim, created, query):
    status, error, _ = scim("GET", f"Users?{query}")
    assert status == 400, error
    assert error["scimType"] == "invalidFilter"


def test_a_nul_in_the_path_is_a_404_and_still_audited(scim, created):
    status, error, _ = scim("GET", "Users/%00")
    assert status == 404, error
    entry = ModelLogEntry.objects.filter(action="identity.scim").latest("timestamp")
    assert entry.data["status"] == 404


@pytest.mark.parametrize(
    "query", ["startIndex=99999999999999999999", f"startIndex={2**63}&count=99999999999999999999"]
)
def test_a_huge_start_index_is_an_empty_page(scim, created, query):
    """RFC 7644 §3.4.2.4: a startIndex past the results gives no resources, not an error."""
    status, body, _ = scim("GET", f"Users?{query}")
    assert status == 200, body
    assert body["totalResults"] == 1 and body.get("Resources", []) == []


def test_a_huge_count_is_capped_at_the_page_size(scim, created):
    status, body, _ = scim("GET", "Users?count=99999999999999999999")
    assert status == 200, body
    assert body["itemsPerPage"] == 1 and len(body["Resources"]) == 1


def test_failed_authentication_is_logged_with_address_and_prefix(scim, units, token, caplog):
    """A wrong token is a warning in the log and an entry in the audit log, on the site."""
    record = ScimToken.objects.get()
    wrong = f"vaksam_scim_{record.lookup}guessedsecret"
    with caplog.at_level(logging.WARNING, logger="identity.scim.views"):
        assert scim("GET", "Users", bearer=wrong)[0] == 401
        assert scim("GET", "Users", bearer="nonsense\x00")[0] == 401
        assert scim("GET", "Users", bearer=None)[0] == 401
    assert "127.0.0.1" in caplog.text and record.lookup in caplog.text
    entries = ModelLogEntry.objects.filter(action="identity.scim_refused").order_by("timestamp")
    assert [(e.data["address"], e.data["prefix"], e.data["reason"]) for e in entries] == [
        ("127.0.0.1", record.lookup, "invalid"),
        ("127.0.0.1", None, "invalid"),
        ("127.0.0.1", None, "missing"),
    ]
    assert {e.content_type.model for e in entries} == {"site"}
    assert "127.0.0.1" in entries.first().message
    # A good token is no failure, and its ordinary audit entry is not a refusal.
    assert scim("GET", "Users")[0] == 200
    assert entries.count() == 3


def test_failed_authentications_are_limited_per_address(client, settings, units, token):
    """A blocked address gets 429 before any token is looked up, even a valid one."""
    settings.SCIM_AUTH_FAILURES_PER_ADDRESS = "3/m"

    def get(bearer, address="198.51.100.7"):
        return client.get(
            "/scim/v2/Users", HTTP_AUTHORIZATION=f"Bearer {bearer}", REMOTE_ADDR=address
        )

    # Successes do not count.
    assert [get(token).status_code for _ in range(5)] == [200] * 5
    assert [get("vaksam_scim_wrong").status_code for _ in range(3)] == [401] * 3
    response = get(token)
    assert response.status_code == 429
    body = json.loads(response.content)
    assert body["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert body["status"] == "429"
    assert ScimToken.objects.get().last_used_at is not None
    # Blocked requests are not counted or audited as attempts.
    assert ModelLogEntry.objects.filter(action="identity.scim_refused").count() == 3
    # Another address is not blocked; the service description needs no token and stays open.
    assert get(token, address="203.0.113.9").status_code == 200
    assert (
        client.get("/scim/v2/ServiceProviderConfig", REMOTE_ADDR="198.51.100.7").status_code == 200
    )


@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_the_last_administrator_is_never_switched_off(scim, protected, method):
    """A leaked token may switch off leavers, but not the one person who could undo it."""
    created, person = protected
    person.user.is_superuser = True
    person.user.save()
    body = patch({"op": "Replace", "path": "active", "value": False}) if method == "PATCH" else None
    status, error, _ = scim(method, f"Users/{created['id']}", body)
    assert status == 403, error
    assert error["detail"] == (
        "Kontot är det sista aktiva administratörskontot i Vaksam och avaktiveras inte genom "
        "SCIM. Utse en annan administratör först."
    )
    person.user.refresh_from_db()
    assert person.user.is_active

    # With another administrator in place, the leaver is switched off as usual.
    UserFactory(is_superuser=True)
    assert scim(method, f"Users/{created['id']}", body)[0] == 204
    person.user.refresh_from_db()
    assert not person.user.is_active


def test_delete_and_active_false_record_the_day_and_reactivation_clears_it(scim, created):
    """Retention of leavers counts from deactivation (issue 14): SCIM records the day."""
    employee = Employee.objects.get(employee_number="1001")
    assert employee.deactivated_at is None
    status, body, _ = scim("PUT", f"Users/{created['id']}", user_body(active=False))
    assert status == 200, body
    employee.refresh_from_db()
    assert not employee.is_active and employee.deactivated_at == timezone.localdate()
    status, body, _ = scim("PUT", f"Users/{created['id']}", user_body(active=True))
    assert status == 200, body
    employee.refresh_from_db()
    assert employee.is_active and employee.deactivated_at is None
    assert scim("DELETE", f"Users/{created['id']}")[0] == 204
    employee.refresh_from_db()
    assert not employee.is_active and employee.deactivated_at == timezone.localdate()


def test_a_pseudonymised_leaver_is_never_matched_again(scim, created):
    """A returning person becomes a new employee; the leaver's pseudonym is not taken over."""
    from privacy.leavers import pseudonymise

    leaver = Employee.objects.get(employee_number="1001")
    pseudonymise(leaver)
    leaver.refresh_from_db()
    assert not ScimUser.objects.filter(employee=leaver).exists()  # the SCIM link went too
    status, body, _ = scim("POST", "Users", user_body())  # the same person, back again
    assert status == 201, body
    returning = Employee.objects.get(employee_number="1001")
    assert returning.pk != leaver.pk and returning.user.first_name == "Åsa"
    body = user_body(number=leaver.employee_number)
    body["userName"] = "someone@kommun.se"
    body["emails"] = [{"value": "someone@kommun.se", "type": "work", "primary": True}]
    status, body, _ = scim("POST", "Users", body)
    assert status == 409, body
    assert body["detail"] == (
        f"Anställningsnumret {leaver.employee_number} tillhör en person som har slutat och "
        "pseudonymiserats."
    )


# What a client reads back (GET): the whole resource, as Vaksam holds it now (issue 19).


def test_a_get_returns_the_whole_resource_as_sent(scim, created):
    status, body, _ = scim("GET", f"Users/{created['id']}")
    assert status == 200, body
    link = ScimUser.objects.get(pk=created["id"])
    meta = body.pop("meta")
    assert body == {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
        "id": created["id"],
        "userName": "person1001@kommun.se",
        "externalId": "ext-1001",
        "active": True,
        "name": {"givenName": "Åsa", "familyName": "Lindström"},
        "title": "Handläggare",
        "emails": [{"value": "person1001@kommun.se", "type": "work", "primary": True}],
        ENTERPRISE: {"employeeNumber": "1001", "department": "BOU"},
    }
    assert meta["resourceType"] == "User"
    assert meta["created"].startswith(link.created_at.isoformat()[:19])
    assert meta["lastModified"].startswith(link.modified_at.isoformat()[:19])


def test_a_get_shows_the_address_in_use_among_the_others_the_client_sent(scim, units):
    """HR changed the address in Vaksam: the one in use replaces the client's primary one,
    matched whatever its case; the other addresses stay as sent."""
    body = user_body(
        emails=[
            {"value": "Privat@Example.se", "type": "home"},
            {"value": "Person1001@Kommun.SE", "type": "work", "primary": True},
        ]
    )
    status, created, _ = scim("POST", "Users", body)
    assert status == 201, created
    user = Employee.objects.get(employee_number="1001").user
    assert user.email == "person1001@kommun.se"
    user.email = "asa.l@kommun.se"
    user.save()

    emails = scim("GET", f"Users/{created['id']}")[1]["emails"]

    assert emails == [
        {"value": "Privat@Example.se", "type": "home"},
        {"value": "asa.l@kommun.se", "type": "work", "primary": True},
    ]


def test_a_get_shows_an_address_hr_added_when_the_client_sent_none(scim, units):
    body = user_body(name={"givenName": "Åsa"})
    del body["emails"]
    status, created, _ = scim("POST", "Users", body)
    assert status == 201, created
    user = Employee.objects.get(employee_number="1001").user
    user.email = "asa@kommun.se"
    user.save()

    got = scim("GET", f"Users/{created['id']}")[1]

    assert got["emails"] == [{"value": "asa@kommun.se", "type": "work", "primary": True}]
    assert got["name"] == {"givenName": "Åsa"}  # a given name alone is still a name


def test_a_get_says_active_only_when_sent_or_no_longer_true(scim, units):
    """`active` left out by the client stays out while the person is active (its default);
    an account closed in Vaksam reads as inactive, whatever the client once sent."""
    body = user_body()
    del body["active"]
    status, created, _ = scim("POST", "Users", body)
    assert status == 201, created
    assert "active" not in scim("GET", f"Users/{created['id']}")[1]

    status, _, _ = scim("POST", "Users", user_body("1002"))
    second = ScimUser.objects.get(employee__employee_number="1002")
    for number in ("1001", "1002"):
        user = Employee.objects.get(employee_number=number).user
        user.is_active = False
        user.save()

    assert scim("GET", f"Users/{created['id']}")[1]["active"] is False
    assert scim("GET", f"Users/{second.pk}")[1]["active"] is False


def test_a_page_of_one(scim, units):
    ids = [scim("POST", "Users", user_body(str(3000 + n)))[1]["id"] for n in range(2)]
    status, body, _ = scim("GET", "Users?startIndex=2&count=1")
    assert status == 200, body
    assert [r["id"] for r in body["Resources"]] == ids[1:]


def test_deleting_a_manager_clears_them_from_their_reports_only(scim, created, units):
    manager = scim("POST", "Users", user_body("9009"))[1]
    other = scim("POST", "Users", user_body("9010"))[1]
    for person, boss in ((created, manager), (scim("POST", "Users", user_body("1003"))[1], other)):
        status, _, _ = scim(
            "PATCH",
            f"Users/{person['id']}",
            patch({"op": "Add", "path": f"{ENTERPRISE}:manager", "value": boss["id"]}),
        )
        assert status == 204

    assert scim("DELETE", f"Users/{manager['id']}")[0] == 204

    assert ScimUser.objects.get(pk=created["id"]).manager is None
    assert str(ScimUser.objects.get(employee__employee_number="1003").manager_id) == other["id"]


def test_what_belongs_to_someone_else_is_a_conflict(scim, created, units):
    """A userName (any case), an e-mail address, an employee number or an account's username
    that is someone else's is 409, and nothing is written."""
    EmployeeFactory(employee_number="7007", user__email="annan@kommun.se", org_unit=units["SOC"])
    UserFactory(username="8008")
    refused = [
        user_body("1002", userName="PERSON1001@kommun.se"),
        user_body("1003", emails=[{"value": "Annan@Kommun.se", "primary": True}]),
        user_body("8008", userName="ny@kommun.se", emails=[{"value": "ny@kommun.se"}]),
    ]
    for body in refused:
        status, error, _ = scim("POST", "Users", body)
        assert status == 409, (body, error)
    for number in ("7007", "8008"):
        status, error, _ = scim("PUT", f"Users/{created['id']}", user_body(number))
        assert status == 409, (number, error)
    assert set(Employee.objects.values_list("employee_number", flat=True)) == {"1001", "7007"}
    assert ScimUser.objects.count() == 1


def test_a_new_employee_number_renames_the_account_made_from_the_old_one(scim, created):
    status, body, _ = scim("PUT", f"Users/{created['id']}", user_body("1009"))
    assert status == 200, body
    assert Employee.objects.get(employee_number="1009").user.username == "1009"


def test_a_deactivation_keeps_the_first_day_and_dates_an_undated_one(scim, created):
    """Retention counts from the first day someone was switched off; someone switched off by a
    path that forgot the day gets today."""
    from datetime import date

    employee = Employee.objects.get(employee_number="1001")
    Employee.objects.filter(pk=employee.pk).update(is_active=False, deactivated_at=None)
    # Each request changes the title too: a PUT of the state already held writes nothing.
    assert scim("PUT", f"Users/{created['id']}", user_body(active=False, title="A"))[0] == 200
    employee.refresh_from_db()
    assert employee.deactivated_at == timezone.localdate()

    Employee.objects.filter(pk=employee.pk).update(deactivated_at=date(2024, 3, 1))
    assert scim("PUT", f"Users/{created['id']}", user_body(active=False, title="B"))[0] == 200
    employee.refresh_from_db()
    assert employee.deactivated_at == date(2024, 3, 1)


@pytest.mark.parametrize(("days", "cleared"), [(-1, True), (0, False), (1, False)])
def test_active_in_the_directory_clears_an_end_date_only_once_passed(scim, created, days, cleared):
    """Boundary days: an end date of yesterday is stale for someone active; today is still
    their last day, and tomorrow is to come."""
    from datetime import date, timedelta

    end = timezone.localdate() + timedelta(days=days)
    Employee.objects.filter(employee_number="1001").update(
        start_date=date(2020, 1, 1), end_date=end
    )
    assert scim("PUT", f"Users/{created['id']}", user_body(title="A"))[0] == 200
    employee = Employee.objects.get(employee_number="1001")
    assert employee.end_date == (None if cleared else end)

    # Inactive, an old end date stays: it is when they left.
    Employee.objects.filter(pk=employee.pk).update(end_date=end)
    assert scim("PUT", f"Users/{created['id']}", user_body(active=False, title="B"))[0] == 200
    employee.refresh_from_db()
    assert employee.end_date == end


def test_attributes_the_client_leaves_out_stay_out(scim, units):
    """No externalId, title or given name sent: none is made up, in the row or the resource."""
    body = user_body(name={"familyName": "Lindström"})
    del body["externalId"], body["title"]
    status, created, _ = scim("POST", "Users", body)
    assert status == 201, created
    link = ScimUser.objects.get()
    assert (link.external_id, link.title) == ("", "")
    assert link.employee.user.first_name == ""
    got = scim("GET", f"Users/{created['id']}")[1]
    assert "externalId" not in got and "title" not in got
    assert got["name"] == {"familyName": "Lindström"}
