"""Wagtail's user admin (/admin/users/), recording which employees' accounts each page showed."""

from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from people.access_log import PeopleShownViewSetMixin, Purpose


class UserViewSet(PeopleShownViewSetMixin, WagtailUserViewSet):
    access_purpose = Purpose.ACCOUNTS

    def people_of(self, obj):
        return (), [obj.pk]
