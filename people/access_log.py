"""Who saw whom: the one function that records which people a page or file showed to someone.

Every view that shows named people to anyone but themselves calls `record_access` with the
people actually shown (the page of rows on screen, every row of an export). The cost is fixed:
one query for the viewer's own record, one INSERT for the access and one for the people (on
PostgreSQL; elsewhere one per `BATCH_SIZE` people), whatever the number of people. The privacy
app's "Loggar" page reads the records.
"""

import functools
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from people.models import Employee, PersonalDataAccess, PersonalDataAccessPerson

Kind = PersonalDataAccess.Kind
Purpose = PersonalDataAccess.Purpose

# People rows per INSERT where they go through bulk_create (not PostgreSQL): each statement
# stays below the database's parameter limit.
BATCH_SIZE = 10_000


def _ids(items) -> set[int]:
    if items is None:
        return set()
    if isinstance(items, QuerySet):
        return set(items.values_list("pk", flat=True))
    return {item if isinstance(item, int) else item.pk for item in items}


def record_access(
    request,
    *,
    action: str,
    description: str,
    purpose: str,
    employees: Iterable[Employee | int] | QuerySet | None = None,
    users: Iterable | QuerySet | None = None,
    kind: str = Kind.VIEW,
    data: dict | None = None,
    viewer=None,
) -> PersonalDataAccess | None:
    """Record that the request's user was shown these people; None when nobody else was shown.

    `employees` are Employee objects, their ids, or a queryset of them; `users` are accounts
    (objects, ids or a queryset) whose employees were shown. The viewer's own record is left
    out: seeing oneself is not an access to someone else's data.
    """
    viewer = viewer if viewer is not None else getattr(request, "user", None)
    if viewer is not None and not viewer.is_authenticated:
        viewer = None
    employee_ids = _ids(employees)
    user_ids = _ids(users)
    if user_ids:
        employee_ids |= set(
            Employee.objects.filter(user_id__in=user_ids).values_list("pk", flat=True)
        )
    if viewer is not None:
        employee_ids -= set(Employee.objects.filter(user_id=viewer.pk).values_list("pk", flat=True))
    if not employee_ids:
        return None
    now = timezone.now()
    with transaction.atomic():
        access = PersonalDataAccess.objects.create(
            viewer=viewer,
            viewer_username=viewer.get_username() if viewer else "",
            viewer_name=(viewer.get_full_name() if viewer else "")[:300],
            accessed_at=now,
            kind=kind,
            action=action,
            description=str(description)[:300],
            purpose=purpose,
            # The path without its query: a search typed there may be a name.
            path=request.path[:500] if request is not None else "",
            data=data or {},
            people_count=len(employee_ids),
        )
        _insert_people(access, sorted(employee_ids), now)
    return access


def _insert_people(access: PersonalDataAccess, employee_ids: list[int], now) -> None:
    """One row per person. PostgreSQL takes the ids as one array in one INSERT (an export of
    50,000 people is one statement of ~0.1 s, where building 50,000 model objects takes
    seconds); other databases get bulk_create in batches."""
    if connection.vendor == "postgresql":
        meta = PersonalDataAccessPerson._meta
        columns = [meta.get_field(name).column for name in ("access", "employee", "accessed_at")]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {connection.ops.quote_name(meta.db_table)} "  # noqa: S608 - names from the model
                f"({', '.join(connection.ops.quote_name(c) for c in columns)}) "
                "SELECT %s, UNNEST(%s::bigint[]), %s",
                [access.pk, employee_ids, now],
            )
        return
    PersonalDataAccessPerson.objects.bulk_create(
        (
            PersonalDataAccessPerson(access=access, employee_id=pk, accessed_at=now)
            for pk in employee_ids
        ),
        batch_size=BATCH_SIZE,
    )


# ----------------------------------------------------------------------- Wagtail's generic views


def _flatten(values):
    for value in values:
        if isinstance(value, tuple | list):  # the usage view lists (object, references)
            yield from _flatten(value)
        else:
            yield value


def people_in_context(context, model, people_of) -> tuple[set[int], set[int]]:
    """(employee ids, user ids) named by a generic view's context.

    The object of an edit, delete, history, usage or inspect page, the instance a copy form was
    filled from, and every row of a listing's page; `people_of(obj)` says whom one object of
    the viewset's model names. Employees listed as another object's usage count too.
    """
    objects = []
    if isinstance(context.get("object"), model):
        objects.append(context["object"])
    form = context.get("form")
    instance = getattr(form, "instance", None)
    if isinstance(instance, model) and instance.pk is not None:
        objects.append(instance)
    listed = list(_flatten(context.get("object_list") or []))
    objects += [item for item in listed if isinstance(item, model)]
    employee_ids, user_ids = set(), set()
    for obj in objects:
        employees, users = people_of(obj)
        employee_ids |= set(employees)
        user_ids |= set(users)
    employee_ids |= {item.pk for item in listed if isinstance(item, Employee)}
    return employee_ids, user_ids


class PeopleShownViewSetMixin:
    """For a Wagtail ModelViewSet whose objects name people: every view it makes records them.

    Set `access_purpose` and define `people_of(obj) -> (employee ids, user ids)`. Each view is
    wrapped once, so a view added to the viewset later is logged without more code.
    """

    access_purpose: str

    def people_of(self, obj) -> tuple[Iterable[int], Iterable[int]]:
        raise NotImplementedError

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        viewset = self

        @functools.wraps(view)  # keeps view_class and view_initkwargs for the URL walk
        def logged_view(request, *args, **view_kwargs):
            response = view(request, *args, **view_kwargs)
            context = getattr(response, "context_data", None)
            if response.status_code == 200 and context:
                employee_ids, user_ids = people_in_context(
                    context, viewset.model, viewset.people_of
                )
                record_access(
                    request,
                    action=f"{viewset.name}.{_kind_of_view(view_class)}",
                    description=_describe(viewset, context),
                    purpose=viewset.access_purpose,
                    employees=employee_ids,
                    users=user_ids,
                )
            return response

        return logged_view


def _describe(viewset, context) -> str:
    """What kind of page it was ("Redigerar: anställd"), never the object's own name: the
    people shown are the record's rows, and a name here would outlive their pseudonymisation."""
    title = context.get("page_title") or viewset.model._meta.verbose_name_plural
    if context.get("object") is not None or context.get("page_subtitle"):
        return f"{title}: {viewset.model._meta.verbose_name}"
    return str(title)


def _kind_of_view(view_class) -> str:
    """ "index", "edit", "history"…: the name of the Wagtail generic view it is built on."""
    for cls in view_class.__mro__:
        if cls.__module__.startswith("wagtail.") and cls.__name__.endswith("View"):
            return cls.__name__.removesuffix("View").lower()
    return view_class.__name__.lower()
