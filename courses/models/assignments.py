"""Who must take which course by when, and each employee's stored compliance status."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from courses.models.pages import CoursePage
from people.models import Employee, OrgUnit


class AssignmentRuleQuerySet(models.QuerySet):
    def in_force(self, on=None):
        return self.filter(is_active=True, active_from__lte=on or timezone.localdate())


class AssignmentRule(ClusterableModel):
    """A course that employees with certain roles and/or in certain units must take."""

    name = models.CharField(_("namn"), max_length=200)
    course = models.ForeignKey(
        CoursePage, verbose_name=_("kurs"), on_delete=models.PROTECT, related_name="rules"
    )
    roles = ParentalManyToManyField(
        "people.Role",
        verbose_name=_("roller"),
        blank=True,
        help_text=_("Någon av rollerna. Ingen vald betyder alla roller."),
    )
    units = ParentalManyToManyField(
        OrgUnit,
        verbose_name=_("enheter"),
        blank=True,
        help_text=_("Enheterna med allt under dem. Ingen vald betyder hela organisationen."),
    )
    due_days = models.PositiveSmallIntegerField(
        _("klar inom (dagar)"),
        default=60,
        validators=[MaxValueValidator(3650)],
        help_text=_("Räknat från anställningsdatum, eller från regelns startdatum för den som "
                    "redan var anställd."),
    )  # fmt: skip
    recertify_months = models.PositiveSmallIntegerField(
        _("göras om var (månader)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Lämna tomt för kursens giltighetstid."),
    )
    active_from = models.DateField(_("gäller från"), default=timezone.localdate)
    is_active = models.BooleanField(_("aktiv"), default=True)

    objects = AssignmentRuleQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("course"),
        FieldPanel("roles"),
        FieldPanel("units"),
        FieldRowPanel([FieldPanel("due_days"), FieldPanel("recertify_months")]),
        FieldRowPanel([FieldPanel("active_from"), FieldPanel("is_active")]),
    ]

    class Meta:
        ordering = ["course__title", "name"]
        verbose_name = _("tilldelningsregel")
        verbose_name_plural = _("tilldelningsregler")

    def __str__(self):
        return self.name

    def matching_employees(self):
        """Active employees the rule applies to: any of its roles, within any of its units."""
        employees = Employee.objects.active()
        roles = list(self.roles.all())
        if roles:
            employees = employees.filter(roles__in=roles)
        units = list(self.units.all())
        if units:
            condition = Q()
            for unit in units:
                condition |= Q(org_unit__path__startswith=unit.path)
            employees = employees.filter(condition)
        return employees.distinct()


class ComplianceStatus(models.Model):
    """Where one employee stands with one assigned course. Stored, so reports only read it."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Ej påbörjad")
        IN_PROGRESS = "in_progress", _("Pågår")
        COMPLETED = "completed", _("Klar")
        EXPIRING = "expiring", _("Går ut snart")
        OVERDUE = "overdue", _("Försenad")
        EXPIRED = "expired", _("Har gått ut")

    # Most urgent first: Mina kurser and reminders follow this order.
    URGENCY = ["overdue", "expired", "expiring", "not_started", "in_progress", "completed"]

    employee = models.ForeignKey(
        Employee, verbose_name=_("anställd"), on_delete=models.CASCADE, related_name="compliance"
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("kurs"), on_delete=models.CASCADE, related_name="compliance"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    # Copies kept by recompute_compliance so follow-up reads one table: the employee's unit
    # and roles, and the status's place in URGENCY (a sortable, indexable "most urgent first").
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="+"
    )
    urgency = models.PositiveSmallIntegerField(_("angelägenhet"), editable=False)
    # The employee's role ids, sorted, as "3,5,8": counting per role then reads this table alone.
    role_ids = models.CharField(_("roller"), max_length=200, blank=True, editable=False)
    due_date = models.DateField(_("klar senast"), null=True, blank=True)
    valid_until = models.DateField(_("giltig till och med"), null=True, blank=True)
    last_activity = models.DateTimeField(_("senaste aktivitet"), null=True, blank=True)
    updated_at = models.DateTimeField(_("uppdaterad"), auto_now=True)

    class Meta:
        verbose_name = _("status")
        verbose_name_plural = _("statusar")
        constraints = [
            models.UniqueConstraint(fields=["employee", "course"], name="one_status_per_course")
        ]
        indexes = [
            models.Index(fields=["course", "status"]),
            models.Index(fields=["status"]),
            models.Index(fields=["urgency", "due_date", "id"], name="compliance_most_urgent"),
            # Covering indexes for follow-up's two grouped counts (read without the table).
            models.Index(fields=["org_unit", "course", "status"], name="compliance_by_unit"),
            models.Index(fields=["role_ids", "status"], name="compliance_by_roles"),
        ]

    def __str__(self):
        return f"{self.employee} – {self.course}: {self.get_status_display()}"


class ReminderLog(models.Model):
    """Every reminder e-mail sent: nothing goes out twice on one day."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Före sista dag")
        DUE = "due", _("Sista dag")
        OVERDUE = "overdue", _("Försenad")
        DIGEST = "digest", _("Veckosammanställning till chef")

    employee = models.ForeignKey(
        Employee, verbose_name=_("mottagare"), on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("kurs"), null=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    days_before = models.SmallIntegerField(_("dagar före"), null=True)
    sent_on = models.DateField(_("skickad dag"))
    sent_at = models.DateTimeField(_("skickad"), default=timezone.now)

    class Meta:
        verbose_name = _("skickad påminnelse")
        verbose_name_plural = _("skickade påminnelser")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "course", "kind", "sent_on"],
                condition=Q(course__isnull=False),
                name="one_course_reminder_a_day",
            ),
            models.UniqueConstraint(
                fields=["employee", "kind", "sent_on"],
                condition=Q(course__isnull=True),
                name="one_digest_a_day",
            ),
        ]

    def __str__(self):
        return f"{self.employee} {self.kind} {self.sent_on}"
