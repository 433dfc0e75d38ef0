"""SCIM Users stored as employees: reads build the resource, writes go the import's way.

scim2-server has already validated the request and applied any PATCH when these methods run,
so `create` and `update` receive the whole new state of a User and only map it onto Employee,
its account and its ScimUser link, inside the request's transaction.
"""

import hashlib
import json
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from scim2_models import (
    ForbiddenException,
    InvalidValueException,
    NotFoundException,
    Resource,
    UniquenessException,
)
from scim2_server.storage import ScimStorage, SearchPage

from identity.models import ScimUser
from identity.scim.filters import UserFilter
from identity.scim.provider import (
    CORE_USER,
    ENTERPRISE_USER,
    MAX_PAGE_SIZE,
    provider,
    unit_attribute,
)
from people.groups import ADMINISTRATOR
from people.models import Employee, OrgUnit, Role, is_protected_account
from people.services import UNUSABLE_PASSWORD, employees_changed

logger = logging.getLogger(__name__)


@dataclass
class Person:
    """The attributes of a User resource that we keep."""

    user_name: str
    external_id: str
    given_name: str
    family_name: str
    title: str
    active: bool | None
    emails: list[dict[str, Any]]
    employee_number: str
    unit_code: str
    manager_id: str | None

    @classmethod
    def of(cls, resource: Resource[Any]) -> "Person":
        document = resource.model_dump()
        name = document.get("name") or {}
        enterprise = document.get(ENTERPRISE_USER) or {}
        manager = enterprise.get("manager") or {}
        emails = [
            {key: email[key] for key in ("value", "type", "primary") if key in email}
            for email in document.get("emails") or []
            if email.get("value")
        ]
        return cls(
            user_name=(document.get("userName") or "").strip(),
            external_id=(document.get("externalId") or "").strip(),
            given_name=(name.get("givenName") or "").strip(),
            family_name=(name.get("familyName") or "").strip(),
            title=(document.get("title") or "").strip(),
            active=document.get("active"),
            emails=emails,
            employee_number=(enterprise.get("employeeNumber") or "").strip(),
            unit_code=(enterprise.get(unit_attribute()) or "").strip(),
            manager_id=manager.get("value") or None,
        )

    @property
    def email(self) -> str:
        return chosen_email(self.emails)


def chosen_email(emails: list[dict[str, Any]]) -> str:
    """The address the account uses: the primary one, else a work one, else the first."""
    for chosen in (
        lambda e: e.get("primary"),
        lambda e: (e.get("type") or "").lower() == "work",
        lambda e: True,
    ):
        for email in emails:
            if chosen(email):
                return email["value"].strip().lower()
    return ""


def _invalid(message: str) -> InvalidValueException:
    return InvalidValueException(detail=message)


class UserStorage(ScimStorage):
    """Users for scim2-server's handler, over ScimUser, Employee and the account."""

    def __init__(self):
        self.model = provider().model_for("User")
        # What the audit log should mention beyond the request (an unmatched role, say).
        self.notes: list[str] = []

    # -- Reading --------------------------------------------------------

    @staticmethod
    def _links():
        return ScimUser.objects.provisioned().select_related(
            "employee__user", "employee__org_unit", "manager"
        )

    def _link(self, resource_id: str) -> ScimUser:
        try:
            return self._links().get(pk=uuid.UUID(resource_id))
        except (ValueError, ScimUser.DoesNotExist):
            raise NotFoundException(detail=_("Användaren finns inte.")) from None

    def _resource(self, link: ScimUser) -> Resource[Any]:
        employee, user = link.employee, link.employee.user
        emails = [dict(email) for email in link.emails]
        if user.email:
            in_use = chosen_email(emails)
            matching = [e for e in emails if e["value"].lower() == in_use] if in_use else []
            if matching:
                matching[0]["value"] = user.email
            else:
                # The address was changed in Vaksam (by HR): show the one in use.
                emails = [{"value": user.email, "type": "work", "primary": True}]
        enterprise: dict[str, Any] = {
            "schemas": [ENTERPRISE_USER],
            "employeeNumber": employee.employee_number,
            unit_attribute(): employee.org_unit.code,
        }
        if link.manager is not None and link.manager.deprovisioned_at is None:
            enterprise["manager"] = {
                "value": str(link.manager_id),
                "$ref": f"Users/{link.manager_id}",
            }
        document: dict[str, Any] = {
            "schemas": [CORE_USER, ENTERPRISE_USER],
            "id": str(link.pk),
            "userName": link.user_name,
            ENTERPRISE_USER: enterprise,
        }
        active = employee.is_active and user.is_active
        if link.active is not None or not active:
            # Left out only when the client never set it and the person is active, its default.
            document["active"] = active
        if link.external_id:
            document["externalId"] = link.external_id
        if user.first_name or user.last_name:
            document["name"] = {
                key: value
                for key, value in (("givenName", user.first_name), ("familyName", user.last_name))
                if value
            }
        if link.title:
            document["title"] = link.title
        if emails:
            document["emails"] = emails
        # The version changes whenever what a client sees changes, whoever changed it.
        digest = hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()
        document["meta"] = {
            "resourceType": "User",
            "created": link.created_at.isoformat(),
            "lastModified": link.modified_at.isoformat(),
            "version": f'W/"{digest[:20]}"',
        }
        return self.model.model_validate(document)

    def get(self, resource_type, resource_id, *, response_parameters=None):
        return self._resource(self._link(resource_id))

    def search(self, resource_types, search_request, *, position=None):
        links = self._links()
        if search_request.filter is not None:
            links = links.filter(UserFilter(unit_attribute()).visit(search_request.filter.ast))
        links = links.order_by("created_at", "pk")
        total = links.count()
        start = search_request.start_index_0 or 0
        # scim2-server has already bounded count by maxResults; bounded here too, so no request
        # slices more than a page. A startIndex past the results is an empty page (RFC 7644
        # §3.4.2.4), answered without a query: an offset beyond bigint fails in PostgreSQL.
        count = min(MAX_PAGE_SIZE, search_request.count or MAX_PAGE_SIZE)
        page = [] if search_request.count == 0 or start >= total else links[start : start + count]
        return SearchPage(total, [self._resource(link) for link in page])

    # -- Writing --------------------------------------------------------

    def create(self, resource_type, resource):
        person = Person.of(resource)
        link = self._save(person, None)
        return self._resource(self._links().get(pk=link.pk))

    def update(self, resource_type, resource, *, expected_version=None):
        link = self._link(str(resource.id))
        self._save(Person.of(resource), link)
        return self._resource(self._links().get(pk=link.pk))

    def delete(self, resource_type, resource_id, *, expected_version=None):
        link = self._link(resource_id)
        employee = link.employee
        self._refuse_last_administrator(employee)
        if is_protected_account(employee.user):
            # A leaver unassigned in the directory must lose their login, powers or not.
            self._note_protected(
                employee,
                _(
                    "Kontot har administratörsbehörighet: det avregistrerades och avaktiverades "
                    "genom SCIM, men dess grupper och behörigheter finns kvar tills en "
                    "administratör tar bort dem."
                ),
            )
        link.deprovisioned_at = link.modified_at = timezone.now()
        link.save(update_fields=["deprovisioned_at", "modified_at"])
        ScimUser.objects.filter(manager=link).update(manager=None)
        # Removed from provisioning, not from Vaksam: the history stays, the login does not.
        Employee.objects.filter(pk=employee.pk).deactivate()
        get_user_model().objects.filter(pk=employee.user_id).update(is_active=False)
        employees_changed(employee_ids={employee.pk})

    @staticmethod
    def _forbidden() -> ForbiddenException:
        return ForbiddenException(
            detail=_(
                "Kontot har administratörsbehörighet och ändras inte genom SCIM, utom att det "
                "kan avaktiveras; en administratör ändrar det i Vaksam."
            )
        )

    def _note_protected(self, employee: Employee, note: str) -> None:
        self.notes.append(note)
        logger.warning("SCIM: %s (employee %s)", note, employee.employee_number)

    @staticmethod
    def _comparable(person: Person) -> tuple:
        """A person's state without `active`, as the same whether sent or read back."""
        emails = sorted(
            (
                str(email.get("value", "")).lower(),
                str(email.get("type") or "").lower(),
                bool(email.get("primary")),
            )
            for email in person.emails
        )
        return (
            person.user_name.lower(),
            person.external_id,
            person.given_name,
            person.family_name,
            person.title,
            tuple(emails),
            person.employee_number,
            person.unit_code,
            person.manager_id,
        )

    def _only_deactivates(self, person: Person, link: ScimUser) -> bool:
        """Whether a write to a protected account asks for nothing but `active: false`.

        The whole request is judged, not each attribute: a deactivation that also carries
        another change (a new e-mail, say) is refused whole, since applying half of it would
        leave the client believing its change was made. Asking again for a state already
        reached (a retry, or a PUT of what GET returned) is allowed and changes nothing more.
        """
        current = Person.of(self._resource(link))
        return person.active is False and self._comparable(person) == self._comparable(current)

    @staticmethod
    def _refuse_last_administrator(employee: Employee) -> None:
        """A directory (or a leaked token) may switch off leavers, but never the last person
        who can administer Vaksam: nobody could then undo it from inside."""
        User = get_user_model()
        administrators = User.objects.filter(is_active=True).filter(
            Q(is_superuser=True) | Q(groups__name=ADMINISTRATOR)
        )
        user = employee.user
        if user.is_active and administrators.filter(pk=user.pk).exists():
            if not administrators.exclude(pk=user.pk).exists():
                raise ForbiddenException(
                    detail=_(
                        "Kontot är det sista aktiva administratörskontot i Vaksam och "
                        "avaktiveras inte genom SCIM. Utse en annan administratör först."
                    )
                )

    def _deactivate_protected(self, link: ScimUser) -> ScimUser:
        """Switch off a protected account's login: the one change SCIM may make to it."""
        employee = link.employee
        self._refuse_last_administrator(employee)
        Employee.objects.filter(pk=employee.pk).deactivate()
        get_user_model().objects.filter(pk=employee.user_id).update(is_active=False)
        link.active = False
        link.modified_at = timezone.now()
        link.save(update_fields=["active", "modified_at"])
        self._note_protected(
            employee,
            _(
                "Kontot har administratörsbehörighet: det avaktiverades genom SCIM, men dess "
                "grupper och behörigheter finns kvar tills en administratör tar bort dem."
            ),
        )
        employees_changed(employee_ids={employee.pk})
        return link

    @staticmethod
    def _check_storable(person: Person) -> None:
        """Refuse what the columns cannot hold, before any query sees it.

        PostgreSQL refuses text longer than its column and any NUL character (a DataError, so
        a 500); SQLite would store both. The limits are the columns' own.
        """
        User = get_user_model()
        values = [
            ("userName", person.user_name, ScimUser, "user_name"),
            ("externalId", person.external_id, ScimUser, "external_id"),
            ("title", person.title, ScimUser, "title"),
            ("name.givenName", person.given_name, User, "first_name"),
            ("name.familyName", person.family_name, User, "last_name"),
            ("employeeNumber", person.employee_number, Employee, "employee_number"),
            (unit_attribute(), person.unit_code, OrgUnit, "code"),
            (_("e-postadressen (emails)"), person.email, User, "email"),
        ]
        # Every address is kept (in ScimUser.emails), not only the one in use.
        texts = [(label, value) for label, value, _model, _field in values] + [
            (_("e-postadressen (emails)"), value)
            for email in person.emails
            for value in email.values()
            if isinstance(value, str)
        ]
        for label, value in texts:
            if "\x00" in value:
                raise _invalid(
                    _("%(attribute)s innehåller ett otillåtet tecken (NUL).") % {"attribute": label}
                )
        for label, value, model, field in values:
            limit = model._meta.get_field(field).max_length
            if len(value) > limit:
                raise _invalid(
                    _("%(attribute)s får vara högst %(limit)d tecken.")
                    % {"attribute": label, "limit": limit}
                )

    def _check(self, person: Person, link: ScimUser | None) -> tuple[OrgUnit, ScimUser | None]:
        """Everything a write needs, checked before anything is written (no partial writes)."""
        self._check_storable(person)
        if not person.user_name:
            raise _invalid(_("userName saknas."))
        if not person.employee_number:
            raise _invalid(_("Anställningsnummer (employeeNumber) saknas."))
        if not person.unit_code:
            raise _invalid(_("Enhetskod (%(attribute)s) saknas.") % {"attribute": unit_attribute()})
        unit = OrgUnit.objects.filter(code=person.unit_code).first()
        if unit is None:
            raise _invalid(
                _("Enheten %(code)s finns inte i Vaksam. Lägg upp den eller rätta %(attribute)s.")
                % {"code": person.unit_code, "attribute": unit_attribute()}
            )
        manager = None
        if person.manager_id:
            try:
                manager = ScimUser.objects.provisioned().filter(pk=uuid.UUID(person.manager_id))
                manager = manager.first()
            except ValueError:
                manager = None
            if manager is None or (link is not None and manager.pk == link.pk):
                raise _invalid(
                    _("Chefen %(id)s finns inte bland de provisionerade användarna.")
                    % {"id": person.manager_id}
                )
        email = person.email
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise _invalid(
                    _("”%(email)s” är ingen giltig e-postadress.") % {"email": email}
                ) from None
        taken = ScimUser.objects.provisioned().filter(user_name__iexact=person.user_name)
        if link is not None:
            taken = taken.exclude(pk=link.pk)
        if taken.exists():
            raise UniquenessException(
                detail=_("userName %(name)s används redan.") % {"name": person.user_name}
            )
        return unit, manager

    def _save(self, person: Person, link: ScimUser | None) -> ScimUser:
        unit, manager = self._check(person, link)
        User = get_user_model()
        employee = link.employee if link is not None else None
        if employee is None:
            # A person already in Vaksam (from the import, say) is taken over, not duplicated.
            employee = (
                Employee.objects.select_related("user")
                .filter(employee_number=person.employee_number)
                .first()
            )
            if employee is not None and employee.is_pseudonymised:
                # A leaver's pseudonym is matched by nothing; their history is not handed over.
                raise UniquenessException(
                    detail=_(
                        "Anställningsnumret %(number)s tillhör en person som har slutat och "
                        "pseudonymiserats."
                    )
                    % {"number": person.employee_number}
                )
            if employee is not None and employee.scim_users.provisioned().exists():
                raise UniquenessException(
                    detail=_("Anställningsnumret %(number)s har redan en SCIM-användare.")
                    % {"number": person.employee_number}
                )
        elif employee.employee_number != person.employee_number:
            if Employee.objects.filter(employee_number=person.employee_number).exists():
                raise UniquenessException(
                    detail=_("Anställningsnumret %(number)s används redan av en annan anställd.")
                    % {"number": person.employee_number}
                )
        if employee is not None and is_protected_account(employee.user):
            # Admin powers are not the directory's to hand over (through the e-mail, say) or to
            # restore; but a leaver who is switched off in the directory must be here too.
            if link is None or not self._only_deactivates(person, link):
                raise self._forbidden()
            return self._deactivate_protected(link)
        email = person.email
        if email:
            others = User.objects.filter(email__iexact=email)
            if employee is not None:
                others = others.exclude(pk=employee.user_id)
            if others.exists():
                raise UniquenessException(
                    detail=_("E-postadressen används redan av en annan person.")
                )

        if employee is None:
            if User.objects.filter(username=person.employee_number).exists():
                raise UniquenessException(
                    detail=_("Användarnamnet %(number)s används redan av ett annat konto.")
                    % {"number": person.employee_number}
                )
            # As the import does: username = employee number, no usable password.
            user = User(username=person.employee_number, password=UNUSABLE_PASSWORD)
            employee = Employee(employee_number=person.employee_number)
        else:
            user = employee.user
            if (
                employee.employee_number != person.employee_number
                and user.username == employee.employee_number
            ):
                if User.objects.filter(username=person.employee_number).exists():
                    raise UniquenessException(
                        detail=_("Användarnamnet %(number)s används redan av ett annat konto.")
                        % {"number": person.employee_number}
                    )
                user.username = person.employee_number

        user.first_name, user.last_name = person.given_name, person.family_name
        user.email = email
        active = person.active is not False
        user.is_active = active
        user.save()
        today = timezone.localdate()
        employee.user = user
        employee.employee_number = person.employee_number
        employee.org_unit = unit
        if not active and (employee.is_active or employee.deactivated_at is None):
            # Retention of leavers counts from the day they were switched off.
            employee.deactivated_at = today
        elif active:
            employee.deactivated_at = None
        employee.is_active = active
        if active and employee.end_date and employee.end_date < today:
            # Active in the organisation's directory means employed: an old end date goes.
            employee.end_date = None
        employee.save()
        self._set_roles(employee, person)

        now = timezone.now()
        if link is None:
            link = ScimUser(employee=employee, created_at=now)
        link.user_name = person.user_name
        link.external_id = person.external_id
        link.title = person.title
        link.active = person.active
        link.emails = person.emails
        link.manager = manager
        link.modified_at = now
        link.save()
        employees_changed(employee_ids={employee.pk})
        return link

    def _set_roles(self, employee: Employee, person: Person) -> None:
        """With SCIM_ROLE_SOURCE = "title", the title names the person's role (code or name).

        A title that names no role gives no role and does not fail the request: titles are
        free text in the directory, and refusing would leave the person unprovisioned. The
        request's audit entry and the log say which title matched nothing.
        """
        if settings.SCIM_ROLE_SOURCE != "title":
            return
        roles = []
        if person.title:
            roles = list(
                Role.objects.filter(Q(code__iexact=person.title) | Q(name__iexact=person.title))
            )
            if not roles:
                note = _("Befattningen ”%(title)s” motsvarar ingen roll.") % {"title": person.title}
                self.notes.append(note)
                logger.warning("SCIM: %s (employee %s)", note, employee.employee_number)
        employee.roles.set(roles)
