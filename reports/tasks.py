"""Background work: the follow-up report for every nämnd, too many to build while one waits."""

from django_tasks import task
from wagtail.models import Site

from content.models import SiteSettings
from people.models import OrgUnit
from reports.filters import Criteria
from reports.models import ReportBundle
from reports.report import write_zip


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
    bundle.build(
        "rapporter.zip",
        lambda spool: write_zip(
            units, criteria, spool, organisation_name=site_settings.organisation_name
        ),
    )
