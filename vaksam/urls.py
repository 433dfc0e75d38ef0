from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from certificates import urls as certificates_urls
from courses import urls as courses_urls
from identity import urls as identity_urls
from privacy import urls as privacy_urls
from quizzes import urls as quizzes_urls
from reports import urls as reports_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokument/", include(wagtaildocs_urls)),
    path("", include(identity_urls)),
    path("", include(courses_urls)),
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
