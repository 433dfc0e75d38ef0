"""Personer exports above EXPORT_INLINE_MAX_ROWS: built by the worker, for their requester only."""

import io

import pytest
from django.urls import reverse
from django_tasks import TaskResultStatus
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from people.groups import HR, ensure_groups
from people.models import PersonalDataAccess
from reports.models import PeopleExport
from reports.tasks import build_people_export
from tests.factories import UserFactory
from tests.reports.conftest import PERIOD

pytestmark = pytest.mark.usefixtures("private_root")


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


def _xlsx_rows(data: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(data))["Personer"].iter_rows(values_only=True))


def _queue(client, export_format, capture, **filters):
    """Ask for the export; the immediate task backend runs the task when the request commits."""
    with capture(execute=True):
        return client.get(reverse("reports:people_export", args=[export_format]), filters)


def test_a_small_export_stays_inline(hr_client, org, settings):
    settings.EXPORT_INLINE_MAX_ROWS = 7  # the selection has exactly seven rows
    response = hr_client.get(reverse("reports:people_export", args=["xlsx"]), PERIOD)
    assert response.status_code == 200 and response.streaming
    assert not PeopleExport.objects.exists()


@pytest.mark.parametrize("export_format", ["xlsx", "csv"])
def test_a_large_export_is_built_by_the_worker_with_the_inline_rows(
    hr_client, org, settings, django_capture_on_commit_callbacks, export_format
):
    filters = {**PERIOD, "sortering": "-namn", "org_unit": org.a.pk}
    inline = _content(
        hr_client.get(reverse("reports:people_export", args=[export_format]), filters)
    )
    settings.EXPORT_INLINE_MAX_ROWS = 2
    response = _queue(hr_client, export_format, django_capture_on_commit_callbacks, **filters)
    assert response.status_code == 302 and response["Location"] == reverse("reports:exports")

    export = PeopleExport.objects.get()
    assert export.state == PeopleExport.State.READY  # the task ran
    assert export.rows == 5 and export.file.name.endswith(f".{export_format}")
    assert set(export.employee_ids) == {
        e.pk for e in (org.people.anna, org.people.a1, org.people.a2, org.people.a3, org.people.a4)
    }
    listing = hr_client.get(reverse("reports:exports")).content.decode()
    download_url = reverse("reports:export_download", args=[export.pk])
    assert download_url in listing

    download = hr_client.get(download_url)
    assert download.status_code == 200
    assert f".{export_format}" in download["Content-Disposition"]
    assert download["Cache-Control"] == "private, no-store"
    built = _content(download)
    if export_format == "csv":
        assert built.decode("utf-8-sig") == inline.decode("utf-8-sig")
    else:
        assert _xlsx_rows(built) == _xlsx_rows(inline)
        # Neutralised as inline: a name that looks like a formula is text.
        assert any(str(row[0]).startswith("'@SUM") for row in _xlsx_rows(built))


def test_the_download_is_logged_as_the_inline_export_is(
    hr_client, org, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_MAX_ROWS = 1
    _queue(hr_client, "xlsx", django_capture_on_commit_callbacks, **PERIOD)
    export = PeopleExport.objects.get()
    # Ordering it is in the audit log; nobody's data has left yet.
    assert ModelLogEntry.objects.get(action="reports.export").data["fil"] == export.pk
    assert not PersonalDataAccess.objects.filter(action="reports.people.export").exists()

    _content(hr_client.get(reverse("reports:export_download", args=[export.pk])))
    access = PersonalDataAccess.objects.get(action="reports.people.export")
    assert access.kind == "export" and access.data["format"] == "xlsx"
    assert set(access.people.values_list("employee_id", flat=True)) == {
        e.pk for e in vars(org.people).values()
    }
    assert ModelLogEntry.objects.filter(action="reports.export").count() == 2


def test_a_managers_large_export_keeps_their_scope(
    manager_client, org, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_MAX_ROWS = 1
    _queue(manager_client, "csv", django_capture_on_commit_callbacks, **PERIOD)
    export = PeopleExport.objects.get()
    text = _content(manager_client.get(reverse("reports:export_download", args=[export.pk])))
    text = text.decode("utf-8-sig")
    assert "Alva" in text and "Bertil" not in text and "Berit" not in text


def test_another_user_is_refused_the_file(
    hr_client, org, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_MAX_ROWS = 1
    _queue(hr_client, "xlsx", django_capture_on_commit_callbacks, **PERIOD)
    export = PeopleExport.objects.get()
    url = reverse("reports:export_download", args=[export.pk])

    colleague = UserFactory(username="hr-kollega")
    colleague.groups.add(ensure_groups()[HR])
    hr_client.force_login(colleague)
    assert hr_client.get(url).status_code == 404  # same rights, not theirs
    assert url not in hr_client.get(reverse("reports:exports")).content.decode()

    hr_client.force_login(org.people.b1.user)  # no follow-up at all
    assert hr_client.get(url).status_code == 403
    assert hr_client.get(reverse("reports:exports")).status_code == 403
    assert not PersonalDataAccess.objects.filter(action="reports.people.export").exists()


def test_a_failed_build_shows_failed(manager_client, org):
    """The filter names a unit outside the requester's scope as it is when the worker runs
    (say she no longer leads it): the task fails, and her list says so."""
    export = PeopleExport.objects.create(
        requested_by=org.people.anna.user,
        export_format="xlsx",
        query=f"org_unit={org.b.pk}",
        rows=2,
    )
    result = build_people_export.enqueue(export.pk)
    assert result.status == TaskResultStatus.FAILED
    export.refresh_from_db()
    assert export.state == PeopleExport.State.FAILED and not export.file
    assert "Misslyckades" in manager_client.get(reverse("reports:exports")).content.decode()
    url = reverse("reports:export_download", args=[export.pk])
    assert manager_client.get(url).status_code == 404


def test_a_requester_without_rights_any_more_gets_a_failed_export(org):
    export = PeopleExport.objects.create(
        requested_by=org.people.b1.user, export_format="csv", query=""
    )
    assert build_people_export.enqueue(export.pk).status == TaskResultStatus.FAILED
    export.refresh_from_db()
    assert export.state == PeopleExport.State.FAILED


def test_a_task_whose_worker_died_leaves_the_export_failed(org, settings):
    from jobs.recovery import recover_abandoned_tasks
    from tests.jobs.test_recovery import left_running

    settings.WORKER_TASK_MAX_ATTEMPTS = 1
    export = PeopleExport.objects.create(
        requested_by=org.people.anna.user, export_format="csv", query=""
    )
    left_running("reports.tasks.build_people_export", [export.pk], worker_ids=["gone"])
    assert recover_abandoned_tasks()["failed"] == 1
    export.refresh_from_db()
    assert export.state == PeopleExport.State.FAILED


def test_a_queue_that_cannot_be_reached_fails_the_export_not_the_request(
    hr_client, org, settings, django_capture_on_commit_callbacks, monkeypatch
):
    def unreachable(*args, **kwargs):
        raise ConnectionError("the queue is away")

    # Task is a frozen dataclass: the class's enqueue is replaced, for every task of the test.
    monkeypatch.setattr(type(build_people_export), "enqueue", unreachable)
    settings.EXPORT_INLINE_MAX_ROWS = 1
    response = _queue(hr_client, "xlsx", django_capture_on_commit_callbacks, **PERIOD)
    assert response.status_code == 302
    # Said at once, not "Skapas" until it is pruned a week later.
    assert PeopleExport.objects.get().state == PeopleExport.State.FAILED
    download = hr_client.get(reverse("reports:exports"))
    assert "Misslyckades" in download.content.decode()


def test_a_manager_moved_to_another_unit_no_longer_gets_their_old_export(
    manager_client, org, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_MAX_ROWS = 1
    _queue(manager_client, "csv", django_capture_on_commit_callbacks, **PERIOD)
    export = PeopleExport.objects.get()
    url = reverse("reports:export_download", args=[export.pk])
    assert manager_client.get(url).status_code == 200
    # She now leads Nämnd B: the file names people of Nämnd A, whom she may no longer see.
    org.people.anna.manages.set([org.b])
    assert manager_client.get(url).status_code == 403


@pytest.mark.parametrize(("days", "said"), [(1, "i 1 dag, och"), (2, "i 2 dagar, och")])
def test_the_exports_page_says_the_days_kept_in_the_right_number(
    hr_client, org, monkeypatch, days, said
):
    monkeypatch.setattr(PeopleExport, "retention_days", classmethod(lambda cls: days))
    page = hr_client.get(reverse("reports:exports")).content.decode()
    assert f"De sparas här {said} bara du kan ladda ner dem." in page
