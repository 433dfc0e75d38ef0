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
