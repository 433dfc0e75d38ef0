"""Courses and modules as Wagtail pages."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from content.blocks import RICH_TEXT_FEATURES, BodyBlock
from content.view_restrictions import CachedViewRestrictionsMixin
from people.models import Employee


class LoginRequiredPageMixin:
    """Course material is for staff: anonymous visitors are sent to the login page."""

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)


class CourseIndexPage(CachedViewRestrictionsMixin, Page):
    """The list of courses."""

    intro = RichTextField(_("inledning"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["content.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("kursöversikt")
        verbose_name_plural = _("kursöversikter")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().order_by("path")
        return context


class CoursePage(LoginRequiredPageMixin, CachedViewRestrictionsMixin, Page):
    """A course made of modules, completed when every module meant for the learner is done."""

    intro = RichTextField(_("inledning"), features=RICH_TEXT_FEATURES)
    topic = models.CharField(_("ämne"), max_length=200, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("beräknad tid (minuter)"), default=60, validators=[MinValueValidator(1)]
    )
    validity_months = models.PositiveSmallIntegerField(
        _("giltighetstid (månader)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Hur länge en genomförd kurs gäller innan den måste göras om."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("godkäntgräns (procent)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Andel rätta svar som krävs på modulernas kunskapstest, om inte modulen "
            "anger en egen gräns."
        ),
    )
    requires_attendance = models.BooleanField(
        _("kräver närvaro vid ett kurstillfälle"),
        default=False,
        help_text=_("Kursen räknas som klar först efter närvaro vid ett kurstillfälle."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("topic"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("estimated_minutes"),
                FieldPanel("validity_months"),
                FieldPanel("pass_mark"),
                FieldPanel("requires_attendance"),
            ],
            heading=_("Genomförande"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("topic")]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("kurs")
        verbose_name_plural = _("kurser")

    def get_context(self, request, *args, **kwargs):
        # progress builds on these pages and their records
        from courses.progress import ModuleStatus, course_overview

        context = super().get_context(request, *args, **kwargs)
        employee = getattr(request.user, "employee", None)
        status = None
        if employee is not None:
            # The same states, words and counts as Mina kurser: only the learner's modules.
            status = next(iter(course_overview(employee, course=self)), None)
        if status is not None:
            modules = status.modules
        else:  # no employee, no module for them, or the course itself is not published
            pages = ModulePage.objects.child_of(self).live().order_by("path")
            pages = pages.for_employee(employee) if employee else pages.for_everyone()
            modules = [ModuleStatus(page=page, state=None) for page in pages]
        context["course_status"] = status
        if status is not None:
            # Apps built on courses add what the learner's next step needs (sessions: their
            # booking of a session, when the course asks for attendance).
            for add_context in hooks.get_hooks("course_page_context"):
                add_context(context=context, employee=employee, status=status)
        context["modules"] = modules
        context["minutes"] = sum(module.page.estimated_minutes for module in modules)
        return context


class ModulePageQuerySet(PageQuerySet):
    def for_everyone(self):
        return self.filter(audience_roles__isnull=True)

    def for_employee(self, employee: Employee):
        """Modules with no audience, or whose audience shares a role with the employee."""
        return self.filter(
            Q(audience_roles__isnull=True) | Q(audience_roles__in=employee.roles.all())
        ).distinct()


class ModulePage(LoginRequiredPageMixin, CachedViewRestrictionsMixin, Page):
    """One module of a course: its reading, aimed at everyone or at certain roles."""

    summary = models.TextField(_("sammanfattning"), help_text=_("Visas i kurslistor."))
    body = StreamField(BodyBlock(), verbose_name=_("innehåll"))
    estimated_minutes = models.PositiveSmallIntegerField(
        _("beräknad tid (minuter)"), default=15, validators=[MinValueValidator(1)]
    )
    audience_roles = ParentalManyToManyField(
        "people.Role",
        verbose_name=_("målgrupp"),
        blank=True,
        related_name="modules",
        help_text=_("Roller som modulen är till för. Ingen vald roll betyder alla."),
    )

    objects = PageManager.from_queryset(ModulePageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("estimated_minutes"), FieldPanel("audience_roles")],
            heading=_("Målgrupp och tid"),
        ),
    ]
    # The quiz belongs to the quizzes app, which adds the "quiz" relation to this page.
    quiz_panels = [InlinePanel("quiz", max_num=1, label=_("Kunskapstest"))]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Innehåll")),
            ObjectList(quiz_panels, heading=_("Kunskapstest")),
            ObjectList(Page.promote_panels, heading=_("Publicering")),
        ]
    )
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("modul")
        verbose_name_plural = _("moduler")

    def get_course(self) -> CoursePage:
        """The course the module belongs to (its parent), in one query, kept on the instance.

        `get_parent().specific` takes two: the Page row, then the CoursePage. The result is
        kept where treebeard keeps the parent, so get_parent() finds it too.
        """
        parent = getattr(self, "_cached_parent_obj", None)
        if parent is None:
            parent = CoursePage.objects.get(path=self.path[: -self.steplen])
            self._cached_parent_obj = parent
        return parent.specific

    def is_for(self, employee: Employee | None) -> bool:
        """Whether the module is meant for this employee's roles."""
        audience = set(self.audience_roles.values_list("pk", flat=True))
        if not audience:
            return True
        if employee is None:
            return False
        return bool(audience & set(employee.roles.values_list("pk", flat=True)))

    def serve(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            employee = getattr(request.user, "employee", None)
            if not self.is_for(employee):
                # Editors may look at any module; learners only at those meant for their roles.
                if not self.permissions_for_user(request.user).can_edit():
                    raise PermissionDenied
            elif employee is not None and not getattr(request, "is_preview", False):
                from courses.models.records import ModuleProgress  # records build on pages
                from courses.services import record_module_read

                ModuleProgress.record_open(employee=employee, module=self)
                # A module without a quiz is done once read; otherwise the quiz decides.
                if self._quiz() is None:
                    # Kept for this response only: it says so if this reading completed the course.
                    self._completed_now = record_module_read(employee=employee, module=self)
        return super().serve(request, *args, **kwargs)

    def _quiz(self):
        """The module's quiz or None, asked once per request (serve and the context both ask)."""
        if not hasattr(self, "_served_quiz"):
            self._served_quiz = self.quiz.first()
        return self._served_quiz

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = self.get_course()
        employee = getattr(request.user, "employee", None)
        siblings = None
        if employee is not None:
            from courses.progress import course_overview  # progress builds on these models

            # The course's status lists the modules meant for the employee, in order: the
            # same pages as the siblings below, so they need no query of their own.
            status = next(iter(course_overview(employee, course=course)), None)
            if status is not None:
                siblings = [module.page for module in status.modules]
                module_status = next(
                    (module for module in status.modules if module.page.pk == self.pk), None
                )
                context["module_status"] = module_status
                context["course_status"] = status
                # "Kursen är klar" only on the response to the reading that completed it.
                completed_now = getattr(self, "_completed_now", None)
                context["completed_course"] = (
                    completed_now is not None
                    and status.completion is not None
                    and status.completion.pk == completed_now.pk
                )
        if siblings is None:  # no employee, or the course itself is not published
            siblings = ModulePage.objects.child_of(course).live().order_by("path")
            siblings = siblings.for_employee(employee) if employee else siblings.for_everyone()
            siblings = list(siblings)
        context["course"] = course
        context["course_modules"] = siblings
        context["quiz"] = self._quiz()
        if self in siblings:
            position = siblings.index(self)
            context["position"] = position + 1
            context["previous_module"] = siblings[position - 1] if position > 0 else None
            context["next_module"] = (
                siblings[position + 1] if position + 1 < len(siblings) else None
            )
        return context
