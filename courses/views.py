"""The learner's own pages."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from courses.models import CoursePage, ModulePage, ModuleProgress


class MyCoursesView(LoginRequiredMixin, TemplateView):
    """Mina kurser: the learner's courses and, per course, the modules meant for their roles."""

    template_name = "courses/my_courses.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        employee = getattr(self.request.user, "employee", None)
        context["employee"] = employee
        if employee is None:
            context["courses"] = []
            return context

        courses = list(CoursePage.objects.live().order_by("path"))
        modules = ModulePage.objects.live().for_employee(employee).order_by("path")
        opened = dict(
            ModuleProgress.objects.filter(employee=employee).values_list(
                "module_id", "last_opened_at"
            )
        )
        # Group modules under their course by tree path: one query, whatever the number of courses.
        by_course_path: dict[str, list] = {course.path: [] for course in courses}
        for module in modules:
            parent_path = module.path[: -ModulePage.steplen]
            if parent_path in by_course_path:
                by_course_path[parent_path].append(
                    {"page": module, "last_opened_at": opened.get(module.pk)}
                )
        context["courses"] = [
            {
                "page": course,
                "modules": by_course_path[course.path],
                "read_count": sum(1 for m in by_course_path[course.path] if m["last_opened_at"]),
            }
            for course in courses
            if by_course_path[course.path]
        ]
        return context
