"""The record of processing (registerförteckning, art. 30), generated from the code's settings.

Every statement comes from something the code acts on: the retention plan (privacy/plan.py),
the extract's mapping of models to record types (privacy/extract.py), the groups and their
permissions (people/groups.py) and the security settings. Change one and the page follows.
"""

from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from content.models import SiteSettings
from people.access import require_permission
from people.groups import (
    ADMINISTRATOR,
    CHEF,
    DATASKYDDSOMBUD,
    GROUP_PERMISSIONS,
    HR,
    KURSANSVARIG,
    MEDARBETARE,
)
from privacy.extract import LOG_ABOUT, SECTIONS
from privacy.plan import record_types
from privacy.views.retention import PLAN_PERMISSION

# The retention plan and the record of processing are read by the same people.
PERMISSION = PLAN_PERMISSION

ACTIONS = {
    "add": gettext_lazy("lägga till"),
    "change": gettext_lazy("ändra"),
    "delete": gettext_lazy("ta bort"),
    "view": gettext_lazy("se"),
    # Wagtail's own permissions, named in English in the database ("Can choose document").
    "choose": gettext_lazy("välja"),
}


def _hours(seconds: int) -> str:
    hours = seconds / 3600
    if hours >= 1 and hours == int(hours):
        return ngettext("%(n)d timme", "%(n)d timmar", int(hours)) % {"n": int(hours)}
    minutes = max(1, seconds // 60)
    return ngettext("%(n)d minut", "%(n)d minuter", minutes) % {"n": minutes}


def _rate(rate: str) -> str:
    count, _slash, period = rate.partition("/")
    return _("%(count)s per %(period)s") % {"count": count, "period": period}


def personal_data_categories() -> list[dict]:
    """Per record type of the plan, the kinds of records (models' names) that belong to it."""
    by_type: dict[str, set[str]] = {}
    for section in SECTIONS:
        name = str(section.holding.model_class._meta.verbose_name_plural)
        by_type.setdefault(section.record_type or "", set()).add(name)
    log_model = apps.get_model("wagtailcore.ModelLogEntry")
    by_type.setdefault(LOG_ABOUT["record_type"], set()).add(
        str(log_model._meta.verbose_name_plural)
    )
    kinds = record_types()
    rows = [
        {"label": kind.label, "holds": kind.holds, "models": sorted(by_type.get(kind.key, ()))}
        for kind in kinds
    ]
    unplanned = sorted(by_type.get("", ()))
    if unplanned:
        rows.append(
            {
                "label": _("Övrigt"),
                "holds": _("Uppgifter som räknas om eller hör till kontot."),
                "models": unplanned,
            }
        )
    return rows


def recipients() -> list[dict]:
    """Who in the organisation sees what: the groups of people/groups.py and their permissions."""
    wanted = Q(pk__in=[])
    for dotted in {d for names in GROUP_PERMISSIONS.values() for d in names}:
        app_label, codename = dotted.split(".")
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    permissions = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.filter(wanted).select_related("content_type")
    }
    fixed = {
        MEDARBETARE: _("Sina egna kurser, försök, bokningar och intyg."),
        CHEF: _(
            "Som Medarbetare, och status för de anställda i de enheter de är chef för, "
            "inget utanför dem."
        ),
        ADMINISTRATOR: _(
            "Allt; den enda gruppen som får ändra konton med tillgång till administrationen."
        ),
    }
    rows = []
    for group in (MEDARBETARE, CHEF, KURSANSVARIG, HR, DATASKYDDSOMBUD, ADMINISTRATOR):
        described = [
            _describe(permissions[d]) for d in GROUP_PERMISSIONS.get(group, []) if d in permissions
        ]
        rows.append(
            {"group": group, "summary": fixed.get(group, ""), "may": sorted(set(described))}
        )
    return rows


def _describe(permission) -> str:
    action, _sep, model_name = permission.codename.partition("_")
    model = permission.content_type.model_class()
    if action in ACTIONS and model is not None and model_name == model._meta.model_name:
        return f"{ACTIONS[action]} {model._meta.verbose_name_plural}".capitalize()
    if permission.codename == "access_admin":
        return _("Använda administrationen")
    # Our own permissions are stored with their Swedish msgid as name (Meta.permissions).
    return _(str(permission.name))


def security_measures() -> list[str]:
    measures = []
    if settings.ADMIN_REQUIRE_TOTP:
        measures.append(
            _(
                "Den som har tillgång till administrationen och loggar in med lösenord måste "
                "också ange en kod från en autentiseringsapp (TOTP)."
            )
        )
    else:
        measures.append(_("Tvåstegsverifiering för administrationen är avstängd."))
    measures.append(
        _(
            "Inloggningen upphör efter %(idle)s utan aktivitet och senast %(total)s efter "
            "inloggningen; administrationen kräver ny inloggning efter %(admin)s utan aktivitet."
        )
        % {
            "idle": _hours(settings.SESSION_IDLE_TIMEOUT),
            "total": _hours(settings.SESSION_ABSOLUTE_LIFETIME),
            "admin": _hours(settings.ADMIN_IDLE_TIMEOUT),
        }
    )
    measures.append(
        _(
            "Misslyckade inloggningar begränsas: %(user)s per användarnamn och %(address)s per "
            "adress."
        )
        % {
            "user": _rate(settings.LOGIN_FAILURES_PER_USERNAME),
            "address": _rate(settings.LOGIN_FAILURES_PER_ADDRESS),
        }
    )
    lengths = [
        v.get("OPTIONS", {}).get("min_length")
        for v in settings.AUTH_PASSWORD_VALIDATORS
        if v["NAME"].endswith("MinimumLengthValidator")
    ]
    if lengths and lengths[0]:
        measures.append(_("Lösenord har minst %(n)d tecken.") % {"n": lengths[0]})
    address = urlsplit(settings.BASE_URL)
    if address.scheme == "https":
        measures.append(
            _("All trafik går krypterad (HTTPS) till %(host)s.") % {"host": address.hostname}
        )
    else:
        measures.append(
            _(
                "Webbplatsens adress (%(url)s) använder inte HTTPS: trafiken är inte krypterad. "
                "Sätt BASE_URL till en https-adress före drift."
            )
            % {"url": settings.BASE_URL}
        )
    if settings.OIDC_ISSUER:
        measures.append(
            _("Inloggning sker via organisationens inloggningstjänst (%(host)s).")
            % {"host": urlsplit(settings.OIDC_ISSUER).hostname}
        )
    measures.append(
        _(
            "En händelselogg visar vem som ändrat, visat eller exporterat personuppgifter; den "
            "sparas %(months)s månader."
        )
        % {"months": settings.RETENTION_MONTHS["audit_log"]}
    )
    measures.append(
        _(
            "Filer med personuppgifter sparas utanför den publika mappen, läsbara bara för "
            "tjänsten, och lämnas ut först efter en behörighetskontroll."
        )
    )
    return measures


def record_of_processing(request) -> dict:
    site_settings = SiteSettings.for_request(request)
    kinds = record_types()
    return {
        "controller": site_settings.organisation_name,
        "contact": site_settings,
        "purposes": sorted({str(kind.purpose) for kind in kinds}),
        "kinds": kinds,
        "categories": personal_data_categories(),
        "recipients": recipients(),
        "security": security_measures(),
    }


class ProcessingRecordView(WagtailAdminTemplateMixin, TemplateView):
    """The record of processing in the admin; `?utskrift=1` gives a page to print."""

    template_name = "privacy/admin/processing_record.html"
    page_title = gettext_lazy("Registerförteckning")
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        require_permission(request, PERMISSION)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": _("Dataskydd")}, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        if request.GET.get("utskrift"):
            return render(
                request, "privacy/admin/processing_record_print.html", record_of_processing(request)
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**record_of_processing(self.request), **kwargs)
