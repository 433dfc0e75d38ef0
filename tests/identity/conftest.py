import pytest
from django.core.cache import cache

from tests.factories import EmployeeFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate-limit counters (and the provider's cached discovery) live in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_invitee(unit):
    """An imported employee: an e-mail address, no usable password, never logged in."""

    def _make(**kwargs):
        kwargs.setdefault("org_unit", unit)
        person = EmployeeFactory(**kwargs)
        person.user.set_unusable_password()
        person.user.save()
        return person

    return _make


@pytest.fixture
def invitee(make_invitee):
    return make_invitee()
