from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("intyg/", views.my_certificates, name="mine"),
    path("intyg/<str:code>/pdf/", views.download, name="download"),
    path("intyg/verifiera/", views.verify_form, name="verify_form"),
    path("intyg/verifiera/<str:code>.json", views.verify_json, name="verify_json"),
    path("intyg/verifiera/<str:code>/", views.verify, name="verify"),
]
