from django.urls import path, re_path

from identity import oidc_views, views
from identity.scim.views import ScimView

urlpatterns = [
    path("konto/logga-in/", views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", oidc_views.LogoutView.as_view(), name="logout"),
    # For everyone, signed in or not: the language switcher in every page's footer.
    path("sprak/", views.choose_language, name="choose_language"),
    # SCIM clients authenticate by bearer token, not by session: no CSRF (see ScimView).
    re_path(r"^scim/v2(?:/(?P<path>.*))?$", ScimView.as_view(), name="scim"),
    path("konto/glomt-losenord/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "konto/glomt-losenord/skickat/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "konto/nytt-losenord/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "konto/losenord-sparat/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "konto/inbjudan/<uidb64>/<token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path("konto/tvastegsverifiering/", views.SecondFactorVerifyView.as_view(), name="totp_verify"),
    path(
        "konto/tvastegsverifiering/aktivera/",
        views.SecondFactorEnrolView.as_view(),
        name="totp_enrol",
    ),
    # Single sign-on (404 while OIDC_ISSUER is unset); the names are mozilla-django-oidc's.
    path("oidc/authenticate/", oidc_views.SignInView.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", oidc_views.CallbackView.as_view(), name="oidc_authentication_callback"),
]
