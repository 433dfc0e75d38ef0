"""The demo site: real content, the promised logins, and the same result on every run."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import strip_tags
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from content.models import HomePage, SiteSettings, StandardPage
from courses.models import CourseCompletion, ModuleCompletion, ModulePage, ModuleProgress
from people.models import Employee, OrgUnit, Role
from quizzes.models import ModuleQuiz, QuizAnswer, QuizAttempt

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            get_user_model(),
            Employee,
            OrgUnit,
            Role,
            Group,
            Page,
            Revision,
            Site,
            ModuleProgress,
            ModuleQuiz,
            QuizAttempt,
            QuizAnswer,
            ModuleCompletion,
            CourseCompletion,
        )
    }


@pytest.fixture
def seeded(db):
    call_command("seed_demo", "--allow-demo-logins", verbosity=0)


def test_seed_demo_twice_gives_the_same_counts(seeded):
    before = _counts()
    call_command("seed_demo", "--allow-demo-logins", verbosity=0)
    assert _counts() == before
    assert before["Employee"] == 46
    assert OrgUnit.objects.filter(kind=OrgUnit.Kind.ENHET).count() == 8
    assert OrgUnit.objects.filter(kind=OrgUnit.Kind.AVDELNING).count() == 3


def test_seed_demo_refuses_to_run_without_debug_unless_told(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-demo-logins"):
        call_command("seed_demo", verbosity=0)


def test_the_demo_certificates_have_a_logo_and_a_signer(seeded):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert site_settings.signer_name and site_settings.signer_title == "Säkerhetssamordnare"
    assert site_settings.logo.file.name.endswith(".png")
    assert site_settings.signature is not None
    # A second run adds no second copy of the images.
    images = get_image_model().objects.count()
    call_command("seed_demo", "--allow-demo-logins", verbosity=0)
    assert get_image_model().objects.count() == images


def test_demo_site_root_is_our_home_page(seeded):
    assert isinstance(Site.objects.get(is_default_site=True).root_page.specific, HomePage)


@pytest.mark.parametrize(
    ("username", "expected_modules"),
    [("medarbetare", 4), ("chef", 5)],
)
def test_demo_logins_see_their_modules(seeded, client, username, expected_modules):
    assert client.login(username=username, password="vaksam-demo")
    response = client.get(reverse("my_courses"))
    [course] = response.context["courses"]
    titles = [module.page.title for module in course.modules]
    assert len(titles) == expected_modules
    assert ("Rekryteringskontroller för chefer" in titles) is (username == "chef")


def _words(value) -> int:
    if isinstance(value, dict):
        return sum(_words(v) for v in value.values())
    if isinstance(value, list):
        return sum(_words(v) for v in value)
    text = value.source if hasattr(value, "source") else str(value)
    return len(re.findall(r"\w+", strip_tags(text)))


def test_every_module_has_real_content_with_a_dilemma(seeded):
    modules = ModulePage.objects.live()
    assert modules.count() == 5
    for module in modules:
        block_types = {block.block_type for block in module.body}
        assert "dilemma" in block_types, module.title
        words = sum(_words(block.get_prep_value()["value"]) for block in module.body)
        assert words >= 600, f"{module.title}: {words} words"


def test_escalation_routine_page_has_numbered_steps(seeded, client):
    page = StandardPage.objects.get(slug="sa-gor-du-om-du-utsatts")
    routines = [block for block in page.body if block.block_type == "routine"]
    assert routines and len(routines[0].value["steps"]) >= 5
    response = client.get(page.url)
    assert response.status_code == 200
    assert '<ol class="routine-steps">' in response.content.decode()


def test_every_demo_module_has_a_quiz_of_six_to_ten_questions(seeded):
    for module in ModulePage.objects.live():
        quiz = ModuleQuiz.objects.get(page=module)
        assert 6 <= len(quiz.questions) <= 10, module.title
        for question in quiz.question_snapshots():
            assert all(option["feedback"] for option in question["options"])


def test_demo_history_has_failed_and_passed_attempts_and_completions(seeded):
    assert QuizAttempt.objects.filter(passed=False).exists()
    assert QuizAttempt.objects.filter(passed=True).exists()
    assert CourseCompletion.objects.exists()
    medarbetare = Employee.objects.get(user__username="medarbetare")
    assert ModuleCompletion.objects.filter(employee=medarbetare).count() == 1


def test_seed_demo_refuses_a_database_with_real_people(db, settings):
    """The DEBUG guard alone is sidestepped by dev settings pointed at a real database."""
    from tests.factories import EmployeeFactory

    settings.DEBUG = True
    EmployeeFactory(employee_number="4711")
    with pytest.raises(CommandError, match="holds 1 people the demo did not create"):
        call_command("seed_demo", "--allow-demo-logins", verbosity=0)
    assert not get_user_model().objects.filter(username="admin").exists()


def test_the_demo_logins_are_printed_with_the_address(seeded):
    """`make run` ends with these lines; they come from the same list seed_demo uses."""
    from courses.demo import DEMO_LOGINS, DEMO_PASSWORD

    out = io.StringIO()
    call_command("demo_logins", url="http://127.0.0.1:8000/", stdout=out)
    lines = out.getvalue().splitlines()
    assert "http://127.0.0.1:8000/" in lines[0]
    assert DEMO_PASSWORD in lines[1]
    assert [line.split()[0] for line in lines[2:]] == [login.username for login in DEMO_LOGINS]


def test_no_demo_logins_are_listed_where_the_demo_is_not(db):
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert "No demo logins" in out.getvalue()
    assert "vaksam-demo" not in out.getvalue()
