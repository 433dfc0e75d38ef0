"""The learner's own pages."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from courses.progress import course_overview


class MyCoursesView(LoginRequiredMixin, TemplateView):
    """Mina kurser: the learner's courses and, per course, the modules meant for their roles."""

    template_name = "courses/my_courses.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        employee = getattr(self.request.user, "employee", None)
        context["employee"] = employee
        context["courses"] = course_overview(employee) if employee is not None else []
        return context
