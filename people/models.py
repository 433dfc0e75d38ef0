"""Organisation units, job roles and employees: who people are and where they sit."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet


class OrgUnitQuerySet(MP_NodeQuerySet):
    def subtree_of(self, unit: "OrgUnit"):
        """The unit itself and every unit below it."""
        return self.filter(path__startswith=unit.path, depth__gte=unit.depth)

    def subtree_of_any(self, units):
        """Every unit in the subtree of any of the units; none for no units."""
        condition = Q(pk__in=[])
        for unit in units:
            condition |= Q(path__startswith=unit.path)
        return self.filter(condition)


class OrgUnitManager(MP_NodeManager):
    def get_queryset(self):
        return OrgUnitQuerySet(self.model, using=self._db).order_by("path")

    def subtree_of(self, unit: "OrgUnit"):
        return self.get_queryset().subtree_of(unit)

    def subtree_of_any(self, units):
        return self.get_queryset().subtree_of_any(units)


class OrgUnit(MP_Node):
    """A unit of the municipality: kommun → nämnd/förvaltning/bolag → avdelning → enhet."""

    class Kind(models.TextChoices):
        KOMMUN = "kommun", _("Kommun")
        NAMND = "namnd", _("Nämnd")
        FORVALTNING = "forvaltning", _("Förvaltning")
        BOLAG = "bolag", _("Bolag")
        AVDELNING = "avdelning", _("Avdelning")
        ENHET = "enhet", _("Enhet")

    code = models.CharField(_("enhetskod"), max_length=50, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)

    objects = OrgUnitManager()

    class Meta:
        verbose_name = _("organisationsenhet")
        verbose_name_plural = _("organisationsenheter")

    def __str__(self):
        return f"{self.name} ({self.code})"

    def path_names(self) -> str:
        """The unit's place in the tree, e.g. "Stadsdelsnämnd › Förvaltning › Enhet"."""
        return " › ".join(unit.name for unit in [*self.get_ancestors(), self])


class Role(models.Model):
    """A job role used to target content, e.g. myndighetsutövande handläggare or chef."""

    code = models.SlugField(_("kod"), max_length=50, unique=True)
    name = models.CharField(_("namn"), max_length=100, unique=True)
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("roll")
        verbose_name_plural = _("roller")

    def __str__(self):
        return self.name


def protected_accounts():
    """Users with admin access or any group beyond Medarbetare/Chef.

    HR may change ordinary employees, but an e-mail address or active flag of one of these,
    changed by HR (in the admin, a file or SCIM), plus a password reset, would hand over an
    account with more power than HR's own. Only administrators change them.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from people.groups import CHEF, MEDARBETARE

    User = get_user_model()
    return User.objects.filter(
        Q(is_superuser=True)
        | Q(is_staff=True)
        | Q(user_permissions__isnull=False)
        | Q(groups__in=Group.objects.exclude(name__in=[MEDARBETARE, CHEF]))
    ).values("pk")


def is_protected_account(user) -> bool:
    # A pseudonymised employee has no account at all: nothing to protect.
    if user is None or user.pk is None:
        return False
    return protected_accounts().filter(pk=user.pk).exists()


# A pseudonymised employee's number: this prefix and a random code (privacy.leavers).
PSEUDONYM_PREFIX = "X-"


class EmployeeQuerySet(models.QuerySet):
    def search(self, query: str):
        """People a typed search names: the exact number or e-mail, part of a first or last name,
        or "Anna Svensson" as first and last name together."""
        condition = (
            Q(employee_number__iexact=query)
            | Q(user__email__iexact=query)
            | Q(user__first_name__icontains=query)
            | Q(user__last_name__icontains=query)
        )
        words = query.split()
        if len(words) >= 2:
            condition |= Q(user__first_name__icontains=words[0]) & Q(
                user__last_name__icontains=" ".join(words[1:])
            )
        return self.filter(condition)

    def active(self, on=None):
        """Employees who have started and not left on the given date (default today)."""
        on = on or timezone.localdate()
        return self.filter(is_active=True, start_date__lte=on).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )

    def in_subtree(self, unit: OrgUnit):
        """Employees placed in the unit or any unit below it."""
        return self.filter(org_unit__path__startswith=unit.path, org_unit__depth__gte=unit.depth)

    def managed_by(self, manager: "Employee"):
        """Employees in the subtree of any unit the manager leads; nobody if they lead none."""
        condition = Q()
        for unit in manager.manages.all():
            condition |= Q(org_unit__path__startswith=unit.path)
        return self.filter(condition) if condition else self.none()

    def deactivate(self, on=None) -> int:
        """Mark active employees as left, remembering the day (retention counts from it).

        Every path that switches employees off (the import, SCIM, the admin form) goes through
        this or sets both fields itself; those already inactive keep their first date.
        """
        return self.filter(is_active=True).update(
            is_active=False, deactivated_at=on or timezone.localdate()
        )

    def not_pseudonymised(self):
        """People who still have a name: a pseudonymised leaver is matched by nothing."""
        return self.filter(pseudonymised_at__isnull=True)

    def with_role(self, *codes: str):
        return self.filter(roles__code__in=codes).distinct()

    def with_protected_account(self):
        """Employees whose account only an administrator may change (see `protected_accounts`)."""
        return self.filter(user__in=protected_accounts())


class Employee(models.Model):
    """One person employed by the organisation, linked to the account they log in with."""

    # Empty only once the person has been pseudonymised (privacy.leavers): the account, with
    # the name and e-mail on it, is then removed, while the employee row keeps their history.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användarkonto"),
        on_delete=models.PROTECT,
        related_name="employee",
        null=True,
        blank=True,
    )
    employee_number = models.CharField(_("anställningsnummer"), max_length=50, unique=True)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("enhet"),
        on_delete=models.PROTECT,
        related_name="employees",
    )
    roles = models.ManyToManyField(
        Role, verbose_name=_("roller"), blank=True, related_name="employees"
    )
    manages = models.ManyToManyField(
        OrgUnit,
        verbose_name=_("chef för"),
        blank=True,
        related_name="managers",
        help_text=_("Enheter som personen är chef för, med allt som ligger under dem."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    start_date = models.DateField(_("anställningsdatum"), default=timezone.localdate)
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    # The day the person was switched off; retention of leavers counts from it (or from the
    # end date, whichever is later). Cleared when they are active again.
    deactivated_at = models.DateField(_("avaktiverad"), null=True, blank=True, editable=False)
    # When name, e-mail, number and account were removed; such a row is never matched again by
    # an import, SCIM or sign-in: a returning person becomes a new employee.
    pseudonymised_at = models.DateTimeField(
        _("pseudonymiserad"), null=True, blank=True, editable=False
    )

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = _("anställd")
        verbose_name_plural = _("anställda")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="employee_end_after_start",
            ),
            # Only a pseudonymised person is without an account, and they are never active.
            models.CheckConstraint(
                condition=Q(user__isnull=False, pseudonymised_at__isnull=True)
                | Q(user__isnull=True, pseudonymised_at__isnull=False, is_active=False),
                name="employee_account_unless_pseudonymised",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.employee_number})"

    @property
    def full_name(self) -> str:
        if self.user_id is None:
            return self.pseudonym
        return self.user.get_full_name() or self.user.get_username()

    @property
    def is_pseudonymised(self) -> bool:
        return self.pseudonymised_at is not None

    @property
    def pseudonym(self) -> str:
        return pseudonym_for(self.employee_number)

    def role_codes(self) -> set[str]:
        return {role.code for role in self.roles.all()}


def pseudonym_for(employee_number: str) -> str:
    """What a pseudonymised person is called: "Slutat" and the code of their new number."""
    return gettext("Slutat %(code)s") % {"code": employee_number.removeprefix(PSEUDONYM_PREFIX)}


class PersonalDataAccessQuerySet(models.QuerySet):
    def older_than(self, cutoff):
        """Accesses made before `cutoff`; deleting them deletes the people rows with them."""
        return self.filter(accessed_at__lt=cutoff)

    def about(self, employee):
        """Accesses that showed this employee to someone, newest first."""
        return self.filter(
            pk__in=PersonalDataAccessPerson.objects.filter(employee=employee).values("access")
        )


class PersonalDataAccess(models.Model):
    """One page or file that showed named people to someone: who, when, what, where and why.

    Which people were shown is one `PersonalDataAccessPerson` row each. Written by
    `people.access_log.record_access` only; read by the privacy app's log and register extracts.
    """

    class Kind(models.TextChoices):
        VIEW = "view", _("Visning")
        EXPORT = "export", _("Export")

    class Purpose(models.TextChoices):
        FOLLOW_UP = "follow_up", _("Uppföljning av utbildningen")
        PERSONNEL = "personnel", _("Personaladministration")
        CERTIFICATES = "certificates", _("Hantering av intyg")
        SESSIONS = "sessions", _("Kurstillfällen och närvaro")
        ACCOUNTS = "accounts", _("Konton och inloggning")
        VERIFICATION = "verification", _("Kontroll av ett intygs äkthet")
        ACCESS_CONTROL = "access_control", _("Dataskydd: kontroll av åtkomst")
        DATA_SUBJECT_RIGHTS = "data_subject_rights", _("Dataskydd: registerutdrag åt personen")

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("visad för"),
        null=True,
        blank=True,
        # The entry outlives the account: the names below say who it was.
        on_delete=models.SET_NULL,
        related_name="+",
    )
    viewer_username = models.CharField(_("användarnamn"), max_length=150, blank=True)
    viewer_name = models.CharField(_("namn"), max_length=300, blank=True)
    accessed_at = models.DateTimeField(_("tidpunkt"), default=timezone.now, db_index=True)
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices, default=Kind.VIEW)
    # A stable code for what was done, e.g. "reports.people" or "employees.edit".
    action = models.CharField(_("åtgärd"), max_length=100)
    description = models.CharField(_("vad som visades"), max_length=300)
    purpose = models.CharField(_("syfte"), max_length=30, choices=Purpose.choices)
    path = models.CharField(_("adress"), max_length=500, blank=True)
    # Context that explains the selection: the filter, the file format.
    data = models.JSONField(_("detaljer"), default=dict, blank=True)
    people_count = models.PositiveIntegerField(_("antal personer"), default=0)

    objects = PersonalDataAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-accessed_at", "-pk"]
        verbose_name = _("åtkomst till personuppgifter")
        verbose_name_plural = _("åtkomster till personuppgifter")
        indexes = [models.Index(fields=["viewer", "-accessed_at"], name="access_viewer_time")]

    def __str__(self):
        return f"{self.viewer_name or self.viewer_username}: {self.description}"


class PersonalDataAccessPerson(models.Model):
    """One person shown by one access. The time is copied so "who saw X" reads one index."""

    access = models.ForeignKey(
        PersonalDataAccess,
        verbose_name=_("åtkomst"),
        on_delete=models.CASCADE,
        related_name="people",
    )
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("anställd"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the (employee, time) index below serves it
    )
    accessed_at = models.DateTimeField(_("tidpunkt"))

    class Meta:
        verbose_name = _("visad person")
        verbose_name_plural = _("visade personer")
        # Retention deletes accesses by their time; the rows follow by the access's index.
        indexes = [models.Index(fields=["employee", "-accessed_at"], name="access_person_time")]

    def __str__(self):
        return f"{self.employee_id} @ {self.access_id}"
