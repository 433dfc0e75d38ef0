from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Innehåll")

    def ready(self):
        # Its signal receivers drop the cached site frames when a page, site or setting changes.
        # Likewise the cached paths of view restrictions and aliases.
        from content import site_frame, view_restrictions  # noqa: F401
