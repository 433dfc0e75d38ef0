"""The retention plan (gallringsplan): each kind of personal data kept, why, and for how long.

This list is the one source for the daily retention job (`privacy.retention`), the plan shown to
HR and the data protection officer, and the record of processing (art. 30). The periods come from
settings (`RETENTION_MONTHS`, and the day counts of uploads and generated files), so the page
always says what the job does. Apps above `privacy` in the house cannot import it; an app that
adds a kind of personal data (declarations, barometer) describes it through the
`register_personal_data` hook, which returns a `RecordType` or the same fields as a dict (so
the app need not import `privacy`), with `thin`, the function the daily job calls for it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks

from people.uploads import UPLOAD_LIFETIME_SECONDS


@dataclass(frozen=True)
class RecordType:
    key: str
    label: str
    holds: str  # which personal data the records carry
    purpose: str
    counted_from: str  # the event the retention period runs from
    then: str  # what happens when the period is over
    months: int | None = None  # a key of RETENTION_MONTHS gives it; None: see `days` or `kept`
    days: int | None = None
    hours: int | None = None  # shown as the period; the cutoff is in `privacy.retention.CUTOFFS`
    kept: str = ""  # for records without a period: how long and why they are kept
    # For kinds other apps register: `thin(before, dry_run)` removes (or, in a dry run, counts)
    # the records older than the moment `before` and returns how many. Built-in kinds are
    # thinned by `privacy.retention.STEPS`.
    thin: Callable[..., int] | None = field(default=None, compare=False, repr=False)

    @property
    def counted(self) -> bool:
        """Whether the period is a number of months, days or hours, not a phrase (`kept`)."""
        return self.months is not None or self.days is not None or self.hours is not None

    @property
    def period(self) -> str:
        if self.months is not None:
            return ngettext("%(n)d månad", "%(n)d månader", self.months) % {"n": self.months}
        if self.days is not None:
            return ngettext("%(n)d dag", "%(n)d dagar", self.days) % {"n": self.days}
        if self.hours is not None:
            return ngettext("%(n)d timme", "%(n)d timmar", self.hours) % {"n": self.hours}
        return str(self.kept)


def _months(key: str) -> int:
    return settings.RETENTION_MONTHS[key]


def built_in() -> list[RecordType]:
    follow_up = _("Uppföljning av att utbildningen genomförs (arbetsmiljö, intern kontroll).")
    return [
        RecordType(
            key="quiz_answers",
            label=_("Svar på kunskapstest"),
            holds=_("Vilket alternativ personen valde på varje fråga."),
            purpose=_("Rätta testet; anonym frågestatistik för kursansvariga."),
            counted_from=_("slutet av tertialet då testet lämnades in"),
            then=_(
                "Räknas om till antal svar och rätta svar per fråga, enhet, roll och månad; "
                "raderas, senast tillsammans med försöket."
            ),
            months=_months("quiz_answers"),
        ),
        RecordType(
            key="quiz_attempts",
            label=_("Försök på kunskapstest"),
            holds=_("Tidpunkt, resultat, godkänt eller inte, enhet och roller vid försöket."),
            purpose=follow_up,
            counted_from=_("slutet av tertialet då testet lämnades in"),
            then=_(
                "Raderas med sina svar (som först räknas om); att modulen är klar finns kvar "
                "som genomförd modul."
            ),
            months=_months("quiz_attempts"),
        ),
        RecordType(
            key="module_progress",
            label=_("Läsning av moduler"),
            holds=_("När personen först och senast öppnade en modul."),
            purpose=_("Visa var personen slutade; Mina kurser."),
            counted_from=_("senaste öppnandet"),
            then=_("Raderas."),
            months=_months("module_progress"),
        ),
        RecordType(
            key="bookings",
            label=_("Bokningar av kurstillfällen"),
            holds=_("Vem som bokade vilket tillfälle, när, och platsen i kön."),
            purpose=_("Platser och kö till kurstillfällen; uppföljning av deltagande."),
            counted_from=_("kurstillfällets dag"),
            then=_(
                "Räknas om till antal bokade och uteblivna per tillfälle, enhet och roll; "
                "raderas, senast tillsammans med närvaron vid samma tillfälle."
            ),
            months=_months("bookings"),
        ),
        RecordType(
            key="attendance",
            label=_("Närvaro"),
            holds=_("Närvarande, frånvarande eller förhinder vid ett kurstillfälle."),
            purpose=follow_up,
            counted_from=_("kurstillfällets dag"),
            then=_("Räknas om till antal per utfall, tillfälle, enhet och roll; raderas."),
            months=_months("attendance"),
        ),
        RecordType(
            key="reminders",
            label=_("Skickade påminnelser"),
            holds=_("Vem som fick vilken påminnelse och när."),
            purpose=_("Att ingen påminnelse skickas två gånger."),
            counted_from=_("när påminnelsen skickades"),
            then=_("Raderas."),
            months=_months("reminders"),
        ),
        RecordType(
            key="completions",
            label=_("Genomförda kurser och moduler, intyg"),
            holds=_("Vad personen har genomfört och när, med enhet och roller då; intygets kod."),
            purpose=_("Bevis om genomförd utbildning; uppföljning; kontroll av intyg."),
            counted_from=_("anställningens slut"),
            then=_("Finns kvar utan namn när personen pseudonymiseras (se Personer som slutat)."),
            kept=_("Så länge personen är anställd, sedan utan namn"),
        ),
        RecordType(
            key="leavers",
            label=_("Personer som slutat"),
            holds=_("Namn, e-post, anställningsnummer och användarkonto."),
            purpose=_("Inloggning och uppföljning medan personen är anställd."),
            counted_from=_("att personen avaktiverades eller slutdatum"),
            then=_(
                "Namn, e-post och nummer ersätts, kontot tas bort; genomförda kurser räknas "
                "fortfarande och intygen går att kontrollera, utan namn."
            ),
            months=_months("leavers"),
        ),
        RecordType(
            key="access_log",
            label=_("Logg över vem som sett vems uppgifter"),
            holds=_("Vem som visade eller exporterade uppgifter om vilka personer, när och var."),
            purpose=_("Kontroll av behörig åtkomst (dataskydd, intern kontroll)."),
            counted_from=_("visningen"),
            then=_("Raderas."),
            months=_months("access_log"),
        ),
        RecordType(
            key="audit_log",
            label=_("Händelselogg i administrationen"),
            holds=_("Ändringar, inloggningsvägran och exporter, med vem som gjorde dem."),
            purpose=_("Spårbarhet och säkerhet."),
            counted_from=_("händelsen"),
            then=_("Raderas."),
            months=_months("audit_log"),
        ),
        RecordType(
            key="uploads",
            label=_("Uppladdade personal- och närvarolistor"),
            holds=_("Filen som HR eller kursansvarig laddade upp, innan den bekräftades."),
            purpose=_("Förhandsgranska en import innan den görs."),
            counted_from=_("uppladdningen"),
            then=_(
                "Raderas när importen bekräftas; annars när den är äldre än så, vid nästa "
                "uppladdning eller nästa dagliga gallring. Närvarolistor sparas aldrig."
            ),
            hours=UPLOAD_LIFETIME_SECONDS // 3600,
        ),
        RecordType(
            key="generated_files",
            label=_("Framtagna filer (intygs-ZIP, rapportpaket)"),
            holds=_("Intyg och uppföljning med namn, som de såg ut när filen togs fram."),
            purpose=_("Hämta en stor export när den är klar."),
            counted_from=_("när filen togs fram"),
            then=_("Raderas."),
            days=max(
                settings.CERTIFICATE_EXPORT_RETENTION_DAYS, settings.REPORT_BUNDLE_RETENTION_DAYS
            ),
        ),
    ]


def record_types() -> list[RecordType]:
    """The built-in kinds, then those other apps register with `register_personal_data`."""
    registered = [hook() for hook in hooks.get_hooks("register_personal_data")]
    return [
        *built_in(),
        *(kind if isinstance(kind, RecordType) else RecordType(**kind) for kind in registered),
    ]
