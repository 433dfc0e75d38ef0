"""scim2-tester, the SCIM compliance checker, against /scim/v2/ on a live server."""

import httpx2
import pytest
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import CheckConfig, Status, check_server
from scim2_tester.checkers import core_schemas_validation
from scim2_tester.utils import CheckContext

from identity.models import ScimToken
from people.models import Employee
from tests.factories import OrgUnitFactory, RoleFactory

FAILED = {Status.ERROR, Status.CRITICAL}


# The live server needs committed data, hence a transaction test; serialized_rollback keeps the
# content types and groups that the migrations made for the transaction tests after this one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_scim2_tester_passes_every_user_check(live_server):
    """Discovery, create, read, replace, PATCH add/replace/remove, delete and listing all pass.

    The checker learns the accepted unit codes from the schema's canonical values, as any
    client could, so the people it creates land in real units.
    """
    for _ in range(3):
        OrgUnitFactory(kind="enhet")
    RoleFactory(code="handlaggare", name="Handläggare")
    _record, token = ScimToken.issue("scim2-tester")
    http = httpx2.Client(
        base_url=f"{live_server.url}/scim/v2",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    with http:
        client = SyncSCIMClient(http)
        results = check_server(client, resource_types=["User"])
        # check_server leaves this one out; it is applicable, so it runs too.
        results += core_schemas_validation(CheckContext(client, CheckConfig()))

    failed = [f"{result.title}: {result.reason}" for result in results if result.status in FAILED]
    assert not failed, "\n".join(failed)
    passed = {result.title for result in results if result.status == Status.SUCCESS}
    for check in (
        "service_provider_config_endpoint",
        "query_all_resource_types",
        "query_all_schemas",
        "core_schemas_validation",
        "object_creation",
        "object_query",
        "object_query_without_id",
        "object_replacement",
        "object_deletion",
        "check_add_attribute",
        "check_remove_attribute",
        "check_replace_attribute",
        "search_with_attributes",
    ):
        assert check in passed, f"{check} did not pass: {sorted(passed)}"
    # The checker's people went through the same path as everyone else: real employees.
    assert Employee.objects.filter(scim_users__isnull=False).exists()
