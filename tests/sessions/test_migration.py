"""The session models moved from courses to this app without touching data: rows, content
types, and so the permissions granted on them and the log entries about them, stay.

(The whole path from main's schema was tried by hand on SQLite and PostgreSQL; a test running
the migration executor needs a transactional test, whose flush disturbs the serialized
rollback of the tests after it on PostgreSQL.)
"""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from sessions.models import Attendance, CourseSession
from tests.factories import EmployeeFactory
from tests.sessions.test_sessions import make_session

pytestmark = pytest.mark.django_db

move = import_module("sessions.migrations.0001_initial")


def test_moving_the_content_types_back_and_forth_keeps_their_ids_and_grants(course):
    session = make_session(course)
    group = Group.objects.create(name="Närvaroregistrerare")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="course_sessions", codename="change_attendance"
        )
    )
    attendance_type = ContentType.objects.get_for_model(Attendance).pk
    editor = SimpleNamespace(connection=connection)

    move.backwards(apps, editor)
    # As a database migrated by the old code has it: the types are courses'.
    assert ContentType.objects.get(pk=attendance_type).app_label == "courses"
    assert not ContentType.objects.filter(app_label="course_sessions").exists()
    assert list(group.permissions.values_list("content_type__app_label", flat=True)) == ["courses"]

    move.forwards(apps, editor)
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(Attendance).pk == attendance_type
    assert set(
        ContentType.objects.filter(
            model__in=["coursesession", "booking", "attendance", "sessiontally"]
        ).values_list("app_label", flat=True)
    ) == {"course_sessions"}
    assert CourseSession.objects.get() == session
    member = EmployeeFactory().user
    member.groups.add(group)
    assert member.has_perm("course_sessions.change_attendance")


def test_the_models_keep_their_tables():
    state = MigrationLoader(connection).project_state()
    for model in ["coursesession", "booking", "attendance", "sessiontally"]:
        assert ("courses", model) not in state.models
        assert state.models["course_sessions", model].options["db_table"] == f"courses_{model}"
