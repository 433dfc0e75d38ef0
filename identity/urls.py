from django.urls import path

from identity import oidc_views, views

urlpatterns = [
    path("konto/logga-in/", views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", oidc_views.LogoutView.as_view(), name="logout"),
    # Single sign-on (404 while OIDC_ISSUER is unset); the names are mozilla-django-oidc's.
    path("oidc/authenticate/", oidc_views.SignInView.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", oidc_views.CallbackView.as_view(), name="oidc_authentication_callback"),
]
