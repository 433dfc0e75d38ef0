"""Wagtail's users app with our user admin: its own module, so `identity` keeps one AppConfig."""

from wagtail.users.apps import WagtailUsersAppConfig


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with a user admin that records whose accounts it showed."""

    user_viewset = "identity.admin_users.UserViewSet"
