"""The admin's "Schemalagda jobb": administrators and HR see each job's runs and the workers;
nobody else does."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from jobs.models import JobRun
from jobs.recovery import WORKER_DIED, record_heartbeat
from people.groups import ADMINISTRATOR, DATASKYDDSOMBUD, HR, KURSANSVARIG, MEDARBETARE

URL = "/admin/schemalagda-jobb/"


def test_the_url_is_the_named_one(db):
    assert reverse("jobs_schedule") == URL


@pytest.mark.parametrize("group", [HR, ADMINISTRATOR])
def test_hr_and_administrators_see_the_jobs_runs_workers_and_failed_tasks(
    client, login_as_member, group
):
    login_as_member(group)
    now = timezone.now()
    JobRun.objects.create(
        job="send_reminders",
        period="2030-01-15",
        status=JobRun.Status.SUCCEEDED,
        started_at=now - timedelta(seconds=42),
        heartbeat_at=now,
        finished_at=now,
        result={"employees": 17, "managers": 3},
    )
    JobRun.objects.create(
        job="apply_retention",
        period="2030-01-15",
        status=JobRun.Status.FAILED,
        started_at=now,
        heartbeat_at=now,
        finished_at=now,
        error="RuntimeError: disk full",
    )
    record_heartbeat("w1", starting=True)
    DBTaskResult.objects.create(
        task_path="certificates.tasks.build_certificate_zip",
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
        status=TaskResultStatus.FAILED,
        started_at=now,
        finished_at=now,
        exception_class_path=WORKER_DIED,
        worker_ids=["a", "b"],
    )
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("send_reminders", "apply_retention", "publish_scheduled", "prune_files"):
        assert name in page
    assert "Varje dag kl. 06.00" in page and "Var 5:e minut" in page
    assert "employees: 17" in page and "42,0 s" in page
    assert "Misslyckades" in page and "disk full" in page
    assert "Aktiv" in page
    assert "build_certificate_zip" in page and "avbröts mitt i uppgiften" in page


@pytest.mark.parametrize("group", [MEDARBETARE, KURSANSVARIG, DATASKYDDSOMBUD])
def test_others_are_refused(client, login_as_member, group):
    login_as_member(group)
    response = client.get(URL)
    assert response.status_code == 302
    assert "send_reminders" not in response.content.decode()


def test_the_settings_menu_shows_it_only_to_those_who_may_see_it(client, login_as_member):
    login_as_member(HR)
    assert URL in client.get("/admin/").content.decode()
    client.logout()
    login_as_member(KURSANSVARIG)
    assert URL not in client.get("/admin/").content.decode()
