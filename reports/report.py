"""The follow-up report (uppföljningsrapport): one PDF per unit and period, the same structure
for every nämnd and bolag, and all of them as one ZIP."""

import zipfile
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify

from certificates.pdf import FONT_DIR, Letterhead, html_to_pdf, letterhead
from people.models import OrgUnit
from reports import queries
from reports.filters import Criteria
from reports.scope import Scope


def report_units():
    """The units that get a report each: every nämnd and bolag (else the level below the top)."""
    units = OrgUnit.objects.filter(kind__in=[OrgUnit.Kind.NAMND, OrgUnit.Kind.BOLAG])
    return units if units.exists() else OrgUnit.objects.filter(depth=2)


def report_html(
    scope: Scope,
    criteria: Criteria,
    *,
    created: datetime,
    site_settings=None,
    head: Letterhead | None = None,
    language: str | None = None,
) -> str:
    """The report's HTML; pass `head` when rendering many, else it is read here.

    In `language`, else the active one: a request's is its reader's (vaksam.i18n).
    """
    if head is None:
        head = letterhead(site_settings, signature=False)
    overview = queries.overview(scope, criteria)
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        return render_to_string(
            "reports/report_pdf.html",
            {
                "title": ", ".join(unit.name for unit in overview.focus),
                "criteria": criteria,
                "overview": overview,
                "sessions": queries.session_summary(scope, criteria),
                "trend": queries.trend(scope, criteria),
                "organisation_name": head.organisation_name,
                "logo": head.logo,
                "created": created,
                "font_dir": FONT_DIR.as_posix(),
                "figure_headers": list(queries.FIGURE_COLUMNS.values()),
            },
        )


def report_pdf(
    scope: Scope,
    criteria: Criteria,
    *,
    site_settings=None,
    head: Letterhead | None = None,
    language: str | None = None,
) -> bytes:
    """The report as PDF, dated when its figures were read (the "läget gäller" time)."""
    created = timezone.localtime()
    html = report_html(
        scope, criteria, site_settings=site_settings, head=head, created=created, language=language
    )
    return html_to_pdf(html, created=created)


def file_name(unit: OrgUnit | None, criteria: Criteria) -> str:
    # The code too: two units may share a name, never a code.
    name = slugify(f"{unit.code} {unit.name}") if unit else "uppfoljning"
    return f"uppfoljningsrapport-{name}-{criteria.start:%Y%m%d}-{criteria.end:%Y%m%d}.pdf"


def write_zip(
    units: Iterable[OrgUnit],
    criteria: Criteria,
    fileobj,
    *,
    site_settings=None,
    language: str | None = None,
) -> None:
    """One report per unit, each from the same template and the same queries, in `language`
    (the requester's: the worker has no request)."""
    scope = Scope(roots=tuple(OrgUnit.get_root_nodes()), whole_organisation=True)
    head = letterhead(site_settings, signature=False)  # the logo, read once for all units
    with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for unit in units:
            unit_criteria = replace(criteria, unit=unit)
            archive.writestr(
                file_name(unit, unit_criteria),
                report_pdf(scope, unit_criteria, head=head, language=language),
            )
