"""What the SCIM service announces and accepts: the User schema we keep, and its settings."""

import copy
import functools
import json
from http import HTTPStatus
from typing import Any

from django.conf import settings
from pydantic_core import from_json
from scim2_models import (
    AuthenticationScheme,
    Bulk,
    ChangePassword,
    ETag,
    Filter,
    InvalidSyntaxException,
    ListResponse,
    Pagination,
    Patch,
    ResourceType,
    Schema,
    ScimPolicy,
    ScimProvider,
    ServiceProviderConfig,
    Sort,
)
from scim2_server.responses import ScimResponse
from scim2_server.service import ScimService
from scim2_server.utils import load_json_resource

from people.models import OrgUnit, Role

CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
UNIT_ATTRIBUTES = ("department", "division", "costCenter", "organization")
PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


def _kept_attributes(unit_attribute: str) -> dict[str, dict[str, set[str] | None]]:
    """The attributes we store, by schema; everything else a client sends is ignored.

    Keeping only what the platform uses is data minimisation: no phone numbers, addresses or
    photos end up in Vaksam because the identity provider happens to have them.
    """
    return {
        CORE_USER: {
            "userName": None,
            "name": {"givenName", "familyName"},
            "title": None,
            "active": None,
            "emails": {"value", "type", "primary"},
        },
        # The manager's displayName is left out: it is the other person's data, not this one's.
        ENTERPRISE_USER: {
            "employeeNumber": None,
            unit_attribute: None,
            "manager": {"value", "$ref"},
        },
    }


def unit_attribute() -> str:
    name = settings.SCIM_UNIT_ATTRIBUTE
    if name not in UNIT_ATTRIBUTES:
        raise ValueError(f"SCIM_UNIT_ATTRIBUTE must be one of {', '.join(UNIT_ATTRIBUTES)}")
    return name


@functools.cache
def _provider(unit_attribute: str) -> ScimProvider:
    kept = _kept_attributes(unit_attribute)
    # Every employee needs a number (their key in the register) and a unit.
    required = {ENTERPRISE_USER: {"employeeNumber", unit_attribute}}
    schemas = []
    for document in load_json_resource("default-schemas.json"):
        if document["id"] not in kept:
            continue
        document = copy.deepcopy(document)
        wanted = kept[document["id"]]
        attributes = []
        for attribute in document["attributes"]:
            if attribute["name"] not in wanted:
                continue
            if sub_attributes := wanted[attribute["name"]]:
                attribute["subAttributes"] = [
                    sub for sub in attribute["subAttributes"] if sub["name"] in sub_attributes
                ]
            if attribute["name"] in required.get(document["id"], ()):
                attribute["required"] = True
            attributes.append(attribute)
        document["attributes"] = attributes
        schemas.append(Schema.model_validate(document))
    resource_types = []
    for document in load_json_resource("default-resource-types.json"):
        if document["id"] == "User":
            # The number and the unit live in the enterprise extension: every User has it.
            for extension in document["schemaExtensions"]:
                extension["required"] = True
            resource_types.append(ResourceType.model_validate(document))
    config = ServiceProviderConfig(
        patch=Patch(supported=True),
        bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
        filter=Filter(supported=True, max_results=MAX_PAGE_SIZE),
        change_password=ChangePassword(supported=False),
        sort=Sort(supported=False),
        etag=ETag(supported=False),
        pagination=Pagination(
            cursor=False,
            index=True,
            default_pagination_method=Pagination.DefaultPaginationMethod.index,
            default_page_size=PAGE_SIZE,
            max_page_size=MAX_PAGE_SIZE,
        ),
        authentication_schemes=[
            AuthenticationScheme(
                type=AuthenticationScheme.Type.oauthbearertoken,
                name="OAuth Bearer Token",
                description="En token från manage.py create_scim_token.",
                primary=True,
            )
        ],
    )
    # Entra ID's deviations from the RFC are tolerated, as Microsoft documents them: attributes
    # we do not keep are dropped, a remove may select entries by value, and a filtered path
    # such as emails[type eq "work"].value creates the entry it names.
    policy = ScimPolicy(
        unknown=ScimPolicy.Unknown.ignore,
        remove_value_as_filter=ScimPolicy.RemoveValue.apply,
        unmatched_path_filter=ScimPolicy.UnmatchedPathFilter.create,
    )
    return ScimProvider.from_discovery(schemas, resource_types, config, policy)


def provider() -> ScimProvider:
    """The service description for the current settings (built once per unit attribute)."""
    return _provider(unit_attribute())


def _entra_manager(operation: Any) -> None:
    """Entra ID sends the manager as a bare id, not as {"value": id}: wrap it, in place."""
    if not isinstance(operation, dict):
        return
    path = next((v for k, v in operation.items() if k.lower() == "path"), None)
    value_key = next((k for k in operation if k.lower() == "value"), None)
    if value_key is None:
        return
    value = operation[value_key]
    if isinstance(path, str) and path.lower().endswith(":manager") and isinstance(value, str):
        operation[value_key] = {"value": value}
    elif isinstance(value, dict):
        for key, item in value.items():
            if key.lower().endswith(":manager") and isinstance(item, str):
                value[key] = {"value": item}


class VaksamScimService(ScimService):
    """scim2-server's protocol, with what our clients and our data need on top."""

    def read_patch(self, resource_type, body, content_type):
        try:
            document = from_json(body)
        except ValueError as exception:
            raise InvalidSyntaxException(detail=str(exception)) from exception
        if isinstance(document, dict):
            for key, operations in document.items():
                if key.lower() == "operations" and isinstance(operations, list):
                    for operation in operations:
                        _entra_manager(operation)
            body = json.dumps(document).encode()
        return super().read_patch(resource_type, body, content_type)

    def _published_schemas(self) -> list[Schema]:
        """Our schemas, with the accepted unit codes (and role names) as canonical values,
        plus the schemas of the discovery resources themselves (RFC 7643 §7)."""
        unit_codes = sorted(OrgUnit.objects.values_list("code", flat=True))
        role_names = sorted(Role.objects.values_list("name", flat=True))
        schemas = []
        for schema in self.provider.schemas:
            schema = schema.model_copy(deep=True)
            for attribute in schema.attributes or []:
                if schema.id == ENTERPRISE_USER and attribute.name == unit_attribute():
                    attribute.canonical_values = unit_codes
                if (
                    schema.id == CORE_USER
                    and attribute.name == "title"
                    and settings.SCIM_ROLE_SOURCE == "title"
                ):
                    attribute.canonical_values = role_names
            schemas.append(schema)
        return [*schemas, *(m.to_schema() for m in (ResourceType, ServiceProviderConfig, Schema))]

    def schemas(self, location, query):
        self.forbid_filter(query)
        schemas = self._published_schemas()
        response = ListResponse[Schema](
            total_results=len(schemas),
            items_per_page=len(schemas),
            start_index=1,
            resources=[self.locate(s, f"{location}/{s.id}") for s in schemas],
        )
        return ScimResponse(HTTPStatus.OK, response.model_dump())

    def schema(self, location, schema_id, query):
        self.forbid_filter(query)
        for schema in self._published_schemas():
            if schema.id == schema_id:
                return self.discovery_response(self.locate(schema, location))
        return super().schema(location, schema_id, query)
