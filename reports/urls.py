from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("uppfoljning/", views.OverviewView.as_view(), name="overview"),
    path("uppfoljning/utveckling/", views.TrendView.as_view(), name="trend"),
    path("uppfoljning/kurstillfallen/", views.SessionsView.as_view(), name="sessions"),
    path("uppfoljning/personer/", views.PeopleView.as_view(), name="people"),
    path("uppfoljning/fragor/", views.QuestionsView.as_view(), name="questions"),
    path("uppfoljning/rapport/", views.ReportView.as_view(), name="report"),
    path("uppfoljning/rapporter/", views.BundleView.as_view(), name="bundles"),
    path("uppfoljning/rapporter/<int:pk>/", views.bundle_download, name="bundle_download"),
    path("uppfoljning/exporter/", views.ExportsView.as_view(), name="exports"),
    path("uppfoljning/exporter/<int:pk>/", views.export_download, name="export_download"),
]

# Every view exports its figures: /uppfoljning/<view>/export.xlsx or .csv with the same filter.
_EXPORTS = {
    "overview": ("uppfoljning/oversikt/", views.OverviewView),
    "trend": ("uppfoljning/utveckling/", views.TrendView),
    "sessions": ("uppfoljning/kurstillfallen/", views.SessionsView),
    "people": ("uppfoljning/personer/", views.PeopleView),
    "questions": ("uppfoljning/fragor/", views.QuestionsView),
}
urlpatterns += [
    path(f"{prefix}export.<str:export_format>", view.as_view(), name=f"{name}_export")
    for name, (prefix, view) in _EXPORTS.items()
]
