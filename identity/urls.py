from django.urls import path, re_path

from identity import views
from identity.scim.views import ScimView

urlpatterns = [
    path("konto/logga-in/", views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", views.LogoutView.as_view(), name="logout"),
    # SCIM clients authenticate by bearer token, not by session: no CSRF (see ScimView).
    re_path(r"^scim/v2(?:/(?P<path>.*))?$", ScimView.as_view(), name="scim"),
]
