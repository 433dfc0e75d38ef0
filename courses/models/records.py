"""What employees have done: modules opened and passed, courses completed."""

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from courses.models.pages import CoursePage, ModulePage
from people.models import Employee


class ModuleProgress(models.Model):
    """That an employee has opened a module, and when first and last."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("anställd"), on_delete=models.CASCADE, related_name="progress"
    )
    module = models.ForeignKey(
        ModulePage, verbose_name=_("modul"), on_delete=models.CASCADE, related_name="progress"
    )
    first_opened_at = models.DateTimeField(_("först öppnad"), default=timezone.now)
    last_opened_at = models.DateTimeField(_("senast öppnad"), default=timezone.now)

    class Meta:
        verbose_name = _("läst modul")
        verbose_name_plural = _("lästa moduler")
        constraints = [
            models.UniqueConstraint(fields=["employee", "module"], name="unique_module_progress")
        ]

    def __str__(self):
        return f"{self.employee} – {self.module}"

    @classmethod
    def record_open(cls, *, employee: Employee, module: ModulePage) -> None:
        """Record that the module was opened now; safe under concurrent requests."""
        now = timezone.now()
        if cls.objects.filter(employee=employee, module=module).update(last_opened_at=now):
            return
        try:
            with transaction.atomic():
                cls.objects.create(
                    employee=employee, module=module, first_opened_at=now, last_opened_at=now
                )
        except IntegrityError:
            # Another request created the row between our update and insert.
            cls.objects.filter(employee=employee, module=module).update(last_opened_at=now)
            return
        from courses.compliance import recompute_compliance  # builds on these models

        # The first opening starts the course: "Ej påbörjad" becomes "Pågår".
        recompute_compliance(employee_ids=[employee.pk])


class ModuleCompletionQuerySet(models.QuerySet):
    def in_round(self, since):
        """Completions that count toward the employee's next course completion."""
        return self if since is None else self.filter(completed_at__gt=since)


class ModuleCompletion(models.Model):
    """An employee passed a module. The first pass in each round counts; later ones do not."""

    employee = models.ForeignKey(
        Employee,
        verbose_name=_("anställd"),
        on_delete=models.PROTECT,
        related_name="module_completions",
    )
    module = models.ForeignKey(
        ModulePage,
        verbose_name=_("modul"),
        on_delete=models.PROTECT,
        related_name="completions",
    )
    completed_at = models.DateTimeField(_("klar"))
    score = models.PositiveSmallIntegerField(_("resultat (procent)"), null=True, blank=True)

    objects = ModuleCompletionQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_at"]
        verbose_name = _("klar modul")
        verbose_name_plural = _("klara moduler")
        indexes = [models.Index(fields=["employee", "module", "completed_at"])]

    def __str__(self):
        completed = date_format(timezone.localtime(self.completed_at), "SHORT_DATE_FORMAT")
        return f"{self.employee} – {self.module} ({completed})"


class CourseCompletionQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(valid_until__gte=day, revoked_at__isnull=True)

    def round_start(self, *, employee: Employee, course: "CoursePage"):
        """When the employee's current round began: their last completion of the course, if any.

        Module passes after that moment count toward the next completion; earlier ones already
        counted toward an earlier one and stay in the history.
        """
        return (
            self.filter(employee=employee, course=course)
            .order_by("-completed_at")
            .values_list("completed_at", flat=True)
            .first()
        )


class CourseCompletion(models.Model):
    """An employee completed a course; it is valid until the recertification date.

    Rows are never changed or removed: each round of recertification adds one, so the
    history stays complete.
    """

    employee = models.ForeignKey(
        Employee,
        verbose_name=_("anställd"),
        on_delete=models.PROTECT,
        related_name="course_completions",
    )
    course = models.ForeignKey(
        CoursePage,
        verbose_name=_("kurs"),
        on_delete=models.PROTECT,
        related_name="completions",
    )
    completed_at = models.DateTimeField(_("klar"))
    valid_until = models.DateField(_("giltig till och med"))
    # Set when the completion's certificate is revoked: it then counts for nothing.
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    objects = CourseCompletionQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_at"]
        verbose_name = _("genomförd kurs")
        verbose_name_plural = _("genomförda kurser")
        indexes = [models.Index(fields=["employee", "course", "completed_at"])]

    def __str__(self):
        completed = date_format(timezone.localtime(self.completed_at), "SHORT_DATE_FORMAT")
        return f"{self.employee} – {self.course} ({completed})"

    def is_valid(self, on=None) -> bool:
        return self.revoked_at is None and self.valid_until >= (on or timezone.localdate())
