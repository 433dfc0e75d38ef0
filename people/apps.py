from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("Personal")

    def ready(self):
        from people.groups import ensure_groups_after_migrate

        # Groups must exist in every database, not only in the demo one.
        post_migrate.connect(ensure_groups_after_migrate, dispatch_uid="people.ensure_groups")
