from django.conf import settings
from django.urls import include, path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from certificates import urls as certificates_urls
from courses import urls as courses_urls
from identity import urls as identity_urls
from people.site_history import SiteHistoryView
from privacy import urls as privacy_urls
from quizzes import urls as quizzes_urls
from reports import urls as reports_urls
from sessions import urls as sessions_urls
from vaksam import health

# Wagtail's site history names people in its rows: ours records them. It goes before the
# admin's URLs, which would otherwise answer first (a register_admin_urls hook comes after
# them), guarded as Wagtail guards its own admin URLs.
site_history_urls = decorate_urlpatterns(
    decorate_urlpatterns(
        [
            path("admin/reports/site-history/", SiteHistoryView.as_view()),
            path(
                "admin/reports/site-history/results/",
                SiteHistoryView.as_view(results_only=True),
            ),
        ],
        require_admin_access,
    ),
    never_cache,
)

urlpatterns = [
    # HealthCheckMiddleware answers these first (with or without a slash); the patterns name
    # them and answer should it ever be left out.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    *site_history_urls,
    path("admin/", include(wagtailadmin_urls)),
    path("dokument/", include(wagtaildocs_urls)),
    path("", include(identity_urls)),
    path("", include(courses_urls)),
    path("", include(sessions_urls)),
    path("", include(quizzes_urls)),
    path("", include(certificates_urls)),
    path("", include(reports_urls)),
    path("", include(privacy_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches everything else, so it goes last.
urlpatterns += [path("", include(wagtail_urls))]
