from django.apps import AppConfig


class VaksamConfig(AppConfig):
    """The project itself: the language of each person (vaksam.i18n) and its template tags."""

    name = "vaksam"
    verbose_name = "Vaksam"

    def ready(self):
        # Signal receivers: a changed profile drops the cached language (vaksam.i18n).
        from vaksam import i18n  # noqa: F401
