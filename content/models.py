"""The CMS shell: the home page, generic content pages and the site-wide settings."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from content.blocks import RICH_TEXT_FEATURES, BodyBlock
from content.signature import PrivateFileInput, signature_file_name, validate_signature
from content.view_restrictions import CachedViewRestrictionsMixin
from files.storage import private_storage


class HomePage(CachedViewRestrictionsMixin, Page):
    """The start page: what the course is, what to do if exposed, and the way to Mina kurser."""

    def route(self, request, path_components):
        """Wagtail's routing, with the page tree below the start page read in one query.

        Wagtail asks for each level's child by slug and then for its specific page: two queries
        per level, six for a module page. Here the candidates of every level come in one
        query; only the page served is made specific. A page type with routing of its own
        gets the rest of the path, as in Wagtail.
        """
        if not path_components:
            return super().route(request, path_components)
        candidates = Page.objects.filter(
            path__startswith=self.path,
            depth__gt=self.depth,
            depth__lte=self.depth + len(path_components),
            slug__in=set(path_components),
        )
        by_level: dict[tuple[int, str], list[Page]] = {}
        for candidate in candidates:
            by_level.setdefault((candidate.depth, candidate.slug), []).append(candidate)
        parent: Page = self
        for level, slug in enumerate(path_components, start=1):
            children = [
                page
                for page in by_level.get((self.depth + level, slug), [])
                if page.path.startswith(parent.path)
            ]
            if not children:
                raise Http404
            if len(children) > 1:  # never in a valid tree; Wagtail's own lookup decides
                return Page.route(parent.specific, request, path_components[level - 1 :])
            page = children[0]
            page._cached_parent_obj = parent
            remaining = path_components[level:]
            page_class = page.specific_class
            if not remaining or page_class is None or page_class.route is not Page.route:
                specific = page.specific
                specific._cached_parent_obj = parent
                return specific.route(request, remaining)
            parent = page
        raise Http404  # not reached: the last level returns

    lead = models.TextField(_("ingress"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("innehåll"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.StandardPage",
        "content.AccessibilityStatementPage",
        "courses.CourseIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("startsida")
        verbose_name_plural = _("startsidor")


class StandardPage(CachedViewRestrictionsMixin, Page):
    """A page of information or a routine, e.g. "Så gör du om du utsätts"."""

    summary = models.TextField(
        _("sammanfattning"), blank=True, help_text=_("Visas under rubriken och i listor.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("innehåll"))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["content.HomePage", "content.StandardPage"]
    subpage_types = ["content.StandardPage"]

    class Meta:
        verbose_name = _("informationssida")
        verbose_name_plural = _("informationssidor")


class AccessibilityStatementPage(CachedViewRestrictionsMixin, Page):
    """The tillgänglighetsredogörelse, structured as DIGG's model statement.

    The fixed parts (how to report a problem, the supervisory authority) come from the template
    and the site settings, so the page cannot be published without them.
    """

    class Conformance(models.TextChoices):
        FULL = "full", _("helt förenlig")
        PARTIAL = "partial", _("delvis förenlig")
        NONE = "none", _("inte förenlig")

    conformance = models.CharField(
        _("förenlighet med lagen"),
        max_length=10,
        choices=Conformance.choices,
        default=Conformance.PARTIAL,
        help_text=_(
            "Hur väl webbplatsen uppfyller lagen (2018:1937) om tillgänglighet till "
            "digital offentlig service."
        ),
    )
    shortcomings = RichTextField(
        _("kända brister"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Innehåll som inte är tillgängligt, och när det ska vara åtgärdat."),
    )
    testing_method = RichTextField(
        _("hur vi testat webbplatsen"), features=RICH_TEXT_FEATURES, blank=True
    )
    site_published_on = models.DateField(_("webbplatsen publicerades"), null=True, blank=True)
    reviewed_on = models.DateField(_("redogörelsen uppdaterades senast"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("conformance"),
        FieldPanel("shortcomings"),
        FieldPanel("testing_method"),
        FieldRowPanel([FieldPanel("site_published_on"), FieldPanel("reviewed_on")]),
    ]

    parent_page_types = ["content.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("tillgänglighetsredogörelse")
        verbose_name_plural = _("tillgänglighetsredogörelser")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs the site and where people turn: shown in the header, footer and on certificates."""

    organisation_name = models.CharField(_("organisationens namn"), max_length=200, default="")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logotyp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Visas överst på intyg och uppföljningsrapporter."),
    )
    signer_name = models.CharField(_("undertecknarens namn"), max_length=200, blank=True)
    signer_title = models.CharField(
        _("undertecknarens titel eller funktion"),
        max_length=200,
        blank=True,
        help_text=_("Till exempel Säkerhetssamordnare eller HR-chef."),
    )
    # A file on the private store, not a Wagtail image: see content/signature.py.
    signature = models.FileField(
        _("inskannad namnteckning"),
        storage=private_storage,
        upload_to=signature_file_name,
        validators=[validate_signature],
        blank=True,
        help_text=_(
            "Valfri. En PNG- eller JPEG-bild av namnteckningen (högst 1 MB), helst med vit eller "
            "genomskinlig bakgrund; visas ovanför namnet på intyg som utfärdas medan samma "
            "person står som undertecknare. Sparas skyddat, aldrig som en öppen bild."
        ),
    )
    escalation_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("sida om vad man gör om man utsätts"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    whistleblowing_url = models.URLField(_("länk till visselblåsarfunktionen"), blank=True)
    incident_reporting_url = models.URLField(
        _("länk till systemet för tillbudsanmälan"), blank=True
    )
    incident_reporting_name = models.CharField(
        _("namn på systemet för tillbudsanmälan"), max_length=100, blank=True, default="KIA"
    )
    security_contact_name = models.CharField(_("säkerhetssamordnare"), max_length=200, blank=True)
    security_contact_email = models.EmailField(_("säkerhetssamordnarens e-post"), blank=True)
    security_contact_phone = models.CharField(
        _("säkerhetssamordnarens telefon"), max_length=50, blank=True
    )
    accessibility_contact_email = models.EmailField(
        _("e-post för synpunkter på tillgänglighet"), blank=True
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("logo")], heading=_("Organisation")
        ),
        MultiFieldPanel(
            [
                FieldPanel("signer_name"),
                FieldPanel("signer_title"),
                FieldPanel("signature", widget=PrivateFileInput),
            ],
            heading=_("Underskrift på intyg"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("escalation_page"),
                FieldPanel("whistleblowing_url"),
                FieldPanel("incident_reporting_name"),
                FieldPanel("incident_reporting_url"),
            ],
            heading=_("Om du utsätts"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("security_contact_name"),
                FieldPanel("security_contact_email"),
                FieldPanel("security_contact_phone"),
            ],
            heading=_("Kontakt"),
        ),
        FieldPanel("accessibility_contact_email"),
    ]

    class Meta:
        verbose_name = _("webbplatsinställningar")
