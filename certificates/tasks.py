"""Background work: ZIPs too large to build while the browser waits."""

from django_tasks import task
from wagtail.models import Site

from certificates.bundles import write_zip
from certificates.models import Certificate, CertificateExport
from content.models import SiteSettings


@task()
def build_certificate_zip(export_id: int) -> None:
    CertificateExport.objects.prune()
    export = CertificateExport.objects.get(pk=export_id)
    certificates = (
        Certificate.objects.filter(pk__in=export.certificate_ids)
        .select_related("employee__user__wagtail_userprofile")  # each in its holder's language
        .order_by("pk")
    )
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    export.build(
        "intyg.zip",
        lambda spool: write_zip(certificates.iterator(), spool, site_settings=site_settings),
    )
