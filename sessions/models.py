"""Course sessions (the bimonthly kurstillfällen), bookings and attendance.

The tables keep the names they had when these models lived in `courses`.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from people.models import Employee


class CourseSessionQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(starts_at__gte=now or timezone.now()).exclude(
            status=CourseSession.Status.CANCELLED
        )

    def with_counts(self):
        """Annotate booked (confirmed) and waiting counts in the same query."""
        return self.annotate(
            booked_count=models.Count(
                "bookings", filter=Q(bookings__status=Booking.Status.CONFIRMED)
            ),
            waiting_count=models.Count(
                "bookings", filter=Q(bookings__status=Booking.Status.WAITLISTED)
            ),
        )


class CourseSession(models.Model):
    """One occasion the course is given, online or on site, led by a coordinator."""

    class Format(models.TextChoices):
        ONLINE = "online", _("Digitalt")
        ON_SITE = "on_site", _("På plats")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planerat")
        CANCELLED = "cancelled", _("Inställt")
        HELD = "held", _("Genomfört")

    course = models.ForeignKey(
        CoursePage, verbose_name=_("kurs"), on_delete=models.PROTECT, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"))
    format = models.CharField(_("form"), max_length=10, choices=Format.choices)
    location = models.CharField(_("plats"), max_length=200, blank=True)
    meeting_url = models.URLField(_("möteslänk"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("antal platser"), default=30)
    leader = models.ForeignKey(
        Employee,
        verbose_name=_("kursledare"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_sessions",
        # Only course coordinators lead sessions; it also keeps the choice list short.
        limit_choices_to=Q(user__groups__name="Kursansvarig"),
    )
    booking_deadline = models.DateTimeField(_("sista dag att boka"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )

    objects = CourseSessionQuerySet.as_manager()

    class Meta:
        db_table = "courses_coursesession"
        ordering = ["starts_at"]
        verbose_name = _("kurstillfälle")
        verbose_name_plural = _("kurstillfällen")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(booking_deadline__lte=models.F("starts_at")),
                name="session_deadline_before_start",
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_has_seats"),
        ]

    def __str__(self):
        when = date_format(timezone.localtime(self.starts_at), "SHORT_DATETIME_FORMAT")
        return f"{self.course.title} {when} ({self.get_format_display()})"

    def get_absolute_url(self):
        return reverse("sessions") + f"#kurstillfalle-{self.pk}"

    @staticmethod
    def default_deadline(starts_at):
        return starts_at - timedelta(days=2)

    def is_open_for_booking(self, now=None) -> bool:
        return (
            self.status == self.Status.PLANNED and (now or timezone.now()) <= self.booking_deadline
        )

    @property
    def place(self) -> str:
        return self.meeting_url if self.format == self.Format.ONLINE else self.location


class Booking(models.Model):
    """An employee's seat at a session, or their place in its waiting list."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Bokad")
        WAITLISTED = "waitlisted", _("Väntelista")
        CANCELLED = "cancelled", _("Avbokad")

    session = models.ForeignKey(
        CourseSession,
        verbose_name=_("kurstillfälle"),
        on_delete=models.CASCADE,
        related_name="bookings",
    )
    employee = models.ForeignKey(
        Employee, verbose_name=_("anställd"), on_delete=models.CASCADE, related_name="bookings"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(_("bokad"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("avbokad"), null=True, blank=True)

    class Meta:
        db_table = "courses_booking"
        ordering = ["created_at", "pk"]
        verbose_name = _("bokning")
        verbose_name_plural = _("bokningar")
        constraints = [
            # One live booking per person and session; cancelled ones stay as history.
            models.UniqueConstraint(
                fields=["session", "employee"],
                condition=~Q(status="cancelled"),
                name="one_live_booking_per_session",
            )
        ]

    def __str__(self):
        return f"{self.employee} – {self.session} ({self.get_status_display()})"


class Attendance(models.Model):
    """Whether an employee was at a session: booked or walk-in, marked by a coordinator."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Närvarande")
        ABSENT = "absent", _("Frånvarande")
        EXCUSED = "excused", _("Anmält förhinder")

    session = models.ForeignKey(
        CourseSession,
        verbose_name=_("kurstillfälle"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    employee = models.ForeignKey(
        Employee, verbose_name=_("anställd"), on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField(_("närvaro"), max_length=10, choices=Status.choices)
    marked_at = models.DateTimeField(_("registrerad"), default=timezone.now)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerad av"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        db_table = "courses_attendance"
        verbose_name = _("närvaro")
        verbose_name_plural = _("närvaro")
        constraints = [
            models.UniqueConstraint(fields=["session", "employee"], name="one_attendance_each")
        ]
        indexes = [models.Index(fields=["employee", "status"])]

    def __str__(self):
        return f"{self.employee} – {self.session}: {self.get_status_display()}"


class SessionTally(models.Model):
    """Bookings and attendance at a session that retention removed, kept as counts.

    One row per session, unit and role set at the time the details were folded, with what the
    follow-up counts (Kurstillfällen, Utveckling), so old periods read the same afterwards.
    Bookings and attendance are folded separately, each into rows of its own.
    """

    session = models.ForeignKey(
        CourseSession,
        verbose_name=_("kurstillfälle"),
        on_delete=models.CASCADE,
        related_name="tallies",
    )
    org_unit = models.ForeignKey(
        "people.OrgUnit",
        verbose_name=_("enhet"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The people's roles when the details were folded, as ",3,5," (see people.roles).
    role_ids = models.CharField(_("roller"), max_length=200, blank=True)
    booked = models.PositiveIntegerField(_("bokade"), default=0)
    # Booked, and marked absent: the no-show figure.
    no_shows = models.PositiveIntegerField(_("uteblev"), default=0)
    present = models.PositiveIntegerField(_("närvarande"), default=0)
    absent = models.PositiveIntegerField(_("frånvarande"), default=0)
    excused = models.PositiveIntegerField(_("anmält förhinder"), default=0)

    class Meta:
        db_table = "courses_sessiontally"
        verbose_name = _("sammanräknad närvaro")
        verbose_name_plural = _("sammanräknad närvaro")

    def __str__(self):
        return f"{self.session_id} {self.org_unit_id} {self.role_ids}"
