"""The six groups of DESIGN.md and what each may do, kept in one place and applied idempotently.

Permissions are named by "app_label.codename" strings so that this module imports no other
app's models; a typo fails loudly instead of silently granting less.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

MEDARBETARE = "Medarbetare"
CHEF = "Chef"
KURSANSVARIG = "Kursansvarig"
HR = "HR"
DATASKYDDSOMBUD = "Dataskyddsombud"
ADMINISTRATOR = "Administratör"

_MEDIA = [
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
]

_SESSIONS = [
    "course_sessions.add_coursesession",
    "course_sessions.change_coursesession",
    "course_sessions.view_coursesession",
    "course_sessions.add_attendance",
    "course_sessions.change_attendance",
    "course_sessions.view_attendance",
]

# Model permissions per group. Everyone is also in Medarbetare, and HR and Kursansvarig add to
# what a Medarbetare may; the data protection officer's group stands alone.
GROUP_PERMISSIONS: dict[str, list[str]] = {
    MEDARBETARE: [],
    CHEF: [],
    # Coordinators write the course and run its sessions; certificates name people, so they
    # are HR's (DESIGN.md: no personal data beyond the sessions they lead).
    KURSANSVARIG: [
        "wagtailadmin.access_admin",
        *_SESSIONS,
        "quizzes.view_question_statistics",
        *_MEDIA,
    ],
    HR: [
        "wagtailadmin.access_admin",
        *_SESSIONS,
        "quizzes.view_question_statistics",
        "certificates.view_certificate",
        "certificates.revoke_certificate",
        "people.add_employee",
        "people.change_employee",
        "people.view_employee",
        "people.add_orgunit",
        "people.change_orgunit",
        "people.view_orgunit",
        "people.add_role",
        "people.change_role",
        "people.view_role",
        "courses.add_assignmentrule",
        "courses.change_assignmentrule",
        "courses.delete_assignmentrule",
        "courses.view_assignmentrule",
        "reports.view_all_statistics",
        "privacy.view_access_log",
        "privacy.view_retention_plan",
        "privacy.produce_register_extract",
        # The scheduled jobs' page: how reminders and retention went (read only, no names).
        "jobs.view_jobrun",
    ],
    # The data protection officer reads the logs, the retention plan and the record of
    # processing; nothing else (DESIGN.md).
    DATASKYDDSOMBUD: [
        "wagtailadmin.access_admin",
        "privacy.view_access_log",
        "privacy.view_retention_plan",
    ],
}

# Wagtail page permissions granted on the whole page tree.
PAGE_PERMISSIONS: dict[str, list[str]] = {
    KURSANSVARIG: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    ADMINISTRATOR: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
}

# Image and document permissions are granted per collection, on the root collection.
COLLECTION_PERMISSIONS = {"wagtaildocs", "wagtailimages"}


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_groups() -> dict[str, Group]:
    """Create the groups and set exactly their permissions. Safe to run any number of times."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0)

    groups = {}
    for name in (MEDARBETARE, CHEF, KURSANSVARIG, HR, DATASKYDDSOMBUD, ADMINISTRATOR):
        groups[name], _ = Group.objects.get_or_create(name=name)

    for name, dotted_names in GROUP_PERMISSIONS.items():
        model_perms = [d for d in dotted_names if d.split(".")[0] not in COLLECTION_PERMISSIONS]
        groups[name].permissions.set([_permission(d) for d in model_perms])
    groups[ADMINISTRATOR].permissions.set(Permission.objects.all())

    root_page = Page.get_first_root_node()
    if root_page is not None:
        for name, codenames in PAGE_PERMISSIONS.items():
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name],
                    page=root_page,
                    permission=_permission(f"wagtailcore.{codename}"),
                )

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for name in (KURSANSVARIG, ADMINISTRATOR):
            for dotted in _MEDIA:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name],
                    collection=root_collection,
                    permission=_permission(dotted),
                )
    return groups


def ensure_groups_after_migrate(sender, app_config=None, using="default", **kwargs):
    # post_migrate fires once per app with models; act on the last, when every table exists.
    last = [c for c in global_apps.get_app_configs() if c.models_module is not None][-1]
    if app_config is not None and app_config.label == last.label and using == "default":
        ensure_groups()
