"""Question analytics in the Wagtail admin, for coordinators improving the content."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.models import CoursePage, ModulePage
from people.access import require_permission
from quizzes.analytics import question_stats

PERMISSION = "quizzes.view_question_statistics"


class _StatisticsMixin(WagtailAdminTemplateMixin):
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        require_permission(request, PERMISSION)
        return super().dispatch(request, *args, **kwargs)


class ModuleListView(_StatisticsMixin, TemplateView):
    template_name = "quizzes/admin/module_list.html"
    page_title = _("Frågestatistik")

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        modules = list(ModulePage.objects.filter(quiz__isnull=False).order_by("path"))
        courses = {
            course.path: course.title
            for course in CoursePage.objects.filter(
                path__in={module.path[: -ModulePage.steplen] for module in modules}
            )
        }
        context["modules"] = [
            (courses.get(module.path[: -ModulePage.steplen], ""), module) for module in modules
        ]
        return context


class ModuleStatisticsView(_StatisticsMixin, TemplateView):
    template_name = "quizzes/admin/module_statistics.html"

    def get_page_title(self):
        return self.module.title

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("quiz_statistics"), "label": _("Frågestatistik")},
            {"url": "", "label": self.module.title},
        ]

    def dispatch(self, request, *args, module_id, **kwargs):
        self.module = get_object_or_404(ModulePage, pk=module_id)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["module"] = self.module
        context["stats"] = question_stats(self.module)
        return context
