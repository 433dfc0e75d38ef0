"""Who saw whom in the follow-up: the page of rows on screen, every row of an export."""

from django.urls import reverse

from people.models import PersonalDataAccess
from reports.views import PeopleView
from tests.reports.conftest import PERIOD


def _people(action: str) -> set[int]:
    access = PersonalDataAccess.objects.get(action=action)
    return set(access.people.values_list("employee_id", flat=True))


def test_the_people_tab_records_the_page_on_screen_and_the_export_every_row(
    hr_client, org, monkeypatch
):
    monkeypatch.setattr(PeopleView, "paginate_by", 3)
    everyone = {e.pk for e in vars(org.people).values()}
    hr_client.get(reverse("reports:people"), {**PERIOD, "sortering": "namn"})
    on_screen = _people("reports.people.view")
    assert len(on_screen) == 3 and on_screen < everyone

    response = hr_client.get(reverse("reports:people_export", args=["csv"]), PERIOD)
    b"".join(response.streaming_content)
    assert _people("reports.people.export") == everyone
    export = PersonalDataAccess.objects.get(action="reports.people.export")
    assert export.kind == "export" and export.data["format"] == "csv"


def test_a_manager_is_recorded_seeing_their_units_people_but_not_themselves(manager_client, org):
    manager_client.get(reverse("reports:people"), PERIOD)
    people = org.people
    assert _people("reports.people.view") == {
        e.pk for e in (people.a1, people.a2, people.a3, people.a4)
    }


def test_figures_without_names_record_nobody(hr_client, org):
    hr_client.get(reverse("reports:overview"), PERIOD)
    hr_client.get(reverse("reports:overview_export", args=["xlsx"]), PERIOD)
    assert not PersonalDataAccess.objects.exists()
