"""Background work: ZIPs too large to build while the browser waits."""

import tempfile

from django.core.files import File
from django.utils import timezone
from django_tasks import task
from wagtail.models import Site

from certificates.bundles import write_zip
from certificates.models import Certificate, CertificateExport
from content.models import SiteSettings


@task()
def build_certificate_zip(export_id: int) -> None:
    CertificateExport.objects.prune()
    export = CertificateExport.objects.get(pk=export_id)
    certificates = Certificate.objects.filter(pk__in=export.certificate_ids).order_by("pk")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    try:
        with tempfile.TemporaryFile() as spool:
            write_zip(certificates.iterator(), spool, site_settings=site_settings)
            spool.seek(0)
            export.file.save("intyg.zip", File(spool), save=False)
    except Exception:
        export.state = CertificateExport.State.FAILED
        export.finished_at = timezone.now()
        export.save(update_fields=["state", "finished_at"])
        raise
    export.state = CertificateExport.State.READY
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "state", "finished_at"])
