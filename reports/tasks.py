"""Background work: the follow-up report for every nämnd, and Personer exports, too big to
build while one waits."""

from django.http import QueryDict
from django.utils import translation
from django_tasks import task
from wagtail.models import Site

from content.models import SiteSettings
from people.models import OrgUnit
from reports.filters import Criteria, FollowUpFilterSet
from reports.models import PeopleExport, ReportBundle
from reports.people_export import people_sort, write_people
from reports.report import write_zip
from reports.scope import scope_for
from vaksam.i18n import language_for


@task()
def build_report_bundle(bundle_id: int) -> None:
    ReportBundle.objects.prune()
    bundle = ReportBundle.objects.get(pk=bundle_id)
    units = OrgUnit.objects.filter(pk__in=bundle.unit_ids).order_by("path")
    criteria = Criteria(
        unit=None,
        role=None,
        course=None,
        start=bundle.period_start,
        end=bundle.period_end,
        status=None,
    )
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    language = language_for(bundle.requested_by)  # the reports in the language of who asked
    bundle.build(
        "rapporter.zip",
        lambda spool: write_zip(
            units, criteria, spool, site_settings=site_settings, language=language
        ),
    )


class FilterNoLongerValid(Exception):
    """The export's filter names something outside the requester's scope as it is now."""


@task()
def build_people_export(export_id: int) -> None:
    PeopleExport.objects.prune()
    export = PeopleExport.objects.get(pk=export_id)

    def write(spool) -> None:
        # The requester's scope as it is now (PermissionDenied if the rights are gone), and the
        # same filter form as the page, so the file holds what the inline export would.
        scope = scope_for(export.requested_by)
        data = QueryDict(export.query)
        filterset = FollowUpFilterSet(data or None, scope=scope)
        if filterset.is_refused:
            raise FilterNoLongerValid(export.query)
        named = write_people(
            scope, filterset.criteria(), people_sort(data), export.export_format, spool
        )
        # Saved before the file is marked ready: no download can miss who it names.
        export.employee_ids = sorted(named)
        export.save(update_fields=["employee_ids"])

    # The worker has no request: the headings and statuses in the language of who asked.
    with translation.override(language_for(export.requested_by)):
        export.build(f"personer.{export.export_format}", write)
