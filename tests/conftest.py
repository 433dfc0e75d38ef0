import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Page, Site

from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    EmployeeFactory,
    HomePageFactory,
    ModulePageFactory,
    OrgUnitFactory,
    RoleFactory,
)

# `VAKSAM_FROZEN_CLOCK=2026-01-15T00:30` starts every test's clock at that Swedish local time
# (`make test-clocks` runs the suite at 00:30 and 23:30, winter and summer). The clock then
# runs on, as a real one does, so events in a test still come one after another.
FROZEN_CLOCK = os.environ.get("VAKSAM_FROZEN_CLOCK", "")


# Tests whose other side runs on the machine's own time: the live server and Chromium, and
# the OpenID provider (Node.js), whose signed tokens would look expired or not yet valid.
REAL_TIME_FIXTURES = {"live_server", "oidc_provider"}


@pytest.fixture(autouse=True)
def _frozen_clock(request):
    if not FROZEN_CLOCK or REAL_TIME_FIXTURES & set(request.fixturenames):
        yield
        return
    import time_machine

    start = datetime.fromisoformat(FROZEN_CLOCK).replace(tzinfo=ZoneInfo("Europe/Stockholm"))
    with time_machine.travel(start, tick=True):
        yield


@pytest.fixture(autouse=True)
def _no_cached_site_frames():
    """The cache outlives a test's rolled-back pages and sites: each test starts without them."""
    from django.core.cache import cache

    from content import site_frame, view_restrictions

    cache.delete_many([site_frame.CACHE_KEY, view_restrictions.CACHE_KEY])


@pytest.fixture(autouse=True)
def _no_remembered_languages():
    """Each signed-in person's language is cached by user id (vaksam.i18n), and a rolled-back
    test's ids are given out again in the next: each test starts with an empty cache."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _interface_language_reset():
    """A request in English leaves English active in the thread (Django activates a language
    per request and never resets it): later code called directly would speak English. Each
    test starts and ends in the default language."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """`VAKSAM_TEST_DB=path` keeps the SQLite test database in a file, for `--reuse-db`.

    `make mutation` runs the tests once per mutant: migrating a fresh in-memory database each
    time would take longer than the tests themselves.
    """
    path = os.environ.get("VAKSAM_TEST_DB")
    if path:
        from django.conf import settings

        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = os.path.abspath(path)


if os.environ.get("VAKSAM_TEST_DB_READY"):

    @pytest.fixture(scope="session")
    def django_db_setup(django_db_blocker):
        """The file database `make mutation` migrated before the run: used as it is.

        Even with `--reuse-db`, pytest-django checks every migration at the start of each
        session, and mutmut starts one session per mutant.
        """
        from django.conf import settings

        settings.DATABASES["default"]["NAME"] = os.path.abspath(os.environ["VAKSAM_TEST_DB"])


@pytest.fixture
def home_page(db):
    """Our home page as the default site's root, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="start")
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def roles(db):
    return {
        code: RoleFactory(code=code)
        for code in ("medarbetare", "handlaggare", "chef", "rekryterande-chef")
    }


@pytest.fixture
def course(home_page, roles):
    """A course with an introduction for everyone and a recruitment module for managers."""
    index = CourseIndexPageFactory(parent=home_page)
    course = CoursePageFactory(parent=index, title="Otillåten påverkan")
    course.intro_module = ModulePageFactory(parent=course, title="Introduktion")
    course.jav_module = ModulePageFactory(parent=course, title="Jäv")
    course.recruitment_module = ModulePageFactory(
        parent=course,
        title="Rekryteringskontroller",
        audience=[roles["chef"], roles["rekryterande-chef"]],
    )
    return course


@pytest.fixture
def unit(db):
    return OrgUnitFactory(kind="enhet")


@pytest.fixture
def employee(roles, unit):
    return EmployeeFactory(org_unit=unit, roles=[roles["medarbetare"], roles["handlaggare"]])


@pytest.fixture
def manager(roles, unit):
    return EmployeeFactory(
        org_unit=unit,
        roles=[roles["medarbetare"], roles["chef"], roles["rekryterande-chef"]],
        manages=[unit],
    )


@pytest.fixture
def login_as_member(client, unit):
    """Log the test client in as a new employee in a group (Kursansvarig, HR, …)."""
    from people.groups import ensure_groups

    def _login(group_name: str):
        person = EmployeeFactory(org_unit=unit)
        person.user.groups.add(ensure_groups()[group_name])
        client.force_login(person.user)
        return person

    return _login


@pytest.fixture
def private_root(settings, tmp_path):
    """The private store on local disk in this test's own folder (returned)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "files.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path


@pytest.fixture
def english_entries(monkeypatch):
    """Put entries into the English catalogue for one test, to check that two uses of a word
    look up two different entries (a context, a plural) whatever locale/ holds at the time.

    Keys as gettext stores them: "msgid", "context\\x04msgid", or (msgid, plural index)."""
    from django.utils.translation import trans_real

    def put(entries: dict) -> None:
        catalogue = trans_real.translation("en")._catalog._catalogs[0]
        for key, value in entries.items():
            monkeypatch.setitem(catalogue, key, value)

    return put
