"""A person's language: chosen on any page, remembered in their profile, followed by the site,
Wagtail's admin, every mail, the certificate PDF and the calendar file; content that exists in
Swedish only says so and carries lang="sv"."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from certificates.models import Certificate
from certificates.pdf import certificate_html
from courses.compliance import recompute_compliance
from courses.models import AssignmentRule, CourseCompletion
from courses.reminders import send_employee_reminders, send_manager_digests
from courses.services import record_module_completion
from identity.forms import EmployeePasswordResetForm
from identity.invitations import invite
from people.models import Employee
from sessions.booking import send_booking_email
from sessions.models import Booking, CourseSession
from tests.catalogue import use_english
from tests.factories import EmployeeFactory, OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Påminnelse: %(course)s": "Reminder: %(course)s",
    "Hej %(name)s!": "Hello %(name)s!",
    "Välkommen till Vaksam: välj ditt lösenord": "Welcome to Vaksam: choose your password",
    "Välj ett nytt lösenord till Vaksam": "Choose a new password for Vaksam",
    "Bokningsbekräftelse: %(course)s": "Booking confirmed: %(course)s",
    "Kurstillfälle i %(course)s.": "Course session in %(course)s.",
    "Intyg": "Certificate",
    "Den här sidans innehåll finns bara på svenska.": (
        "This page's content is only available in Swedish."
    ),
}
NOTICE_SV = "Den här sidans innehåll finns bara på svenska."
NOTICE_EN = ENGLISH[NOTICE_SV]


@pytest.fixture(autouse=True)
def english(settings, tmp_path):
    use_english(settings, tmp_path / "locale", ENGLISH)


def prefers(user, language: str):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def profile_queries(queries) -> list[str]:
    """Queries that read profiles on their own (not joined to a batch's query)."""
    return [
        q["sql"] for q in queries.captured_queries if 'FROM "wagtailusers_userprofile"' in q["sql"]
    ]


def choose(client, language: str, next_url: str = "/"):
    return client.post(reverse("choose_language"), {"language": language, "next": next_url})


def html_lang(response) -> str:
    return response.content.decode().split("<html lang=", 1)[1].split(">", 1)[0].strip('"')


def test_a_visitor_who_chooses_english_gets_the_next_page_in_english_by_cookie(client, home_page):
    assert html_lang(client.get("/")) == "sv"
    response = choose(client, "en", "/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.cookies["django_language"].value == "en"
    page = client.get("/")
    assert html_lang(page) == "en"
    assert page["Content-Language"] == "en"
    assert "Cookie" in page["Vary"] and "Accept-Language" in page["Vary"]


def test_the_language_cookie_lasts_a_year_and_is_not_sent_from_other_sites(client, home_page):
    cookie = choose(client, "en", "/").cookies["django_language"]
    assert cookie["max-age"] == 60 * 60 * 24 * 365
    assert cookie["samesite"] == "Lax"


def test_a_language_the_site_does_not_offer_is_not_stored(client, home_page):
    response = choose(client, "de", "/")
    assert response.status_code == 302
    assert "django_language" not in response.cookies
    assert html_lang(client.get("/")) == "sv"


def test_every_page_offers_the_switcher_each_language_named_in_itself(client, home_page):
    html = client.get("/").content.decode()
    assert f'action="{reverse("choose_language")}"' in html
    assert 'value="sv" lang="sv"' in html and ">Svenska</button>" in html
    assert 'value="en" lang="en"' in html and ">English</button>" in html


def test_a_signed_in_persons_choice_is_saved_and_follows_them_to_another_device_and_the_admin(
    client, home_page
):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    choose(client, "en", "/")
    assert UserProfile.get_for_user(user).preferred_language == "en"
    elsewhere = Client()  # no language cookie: only the profile knows
    elsewhere.force_login(user)
    page = elsewhere.get("/")
    assert html_lang(page) == "en" and page["Content-Language"] == "en"
    admin = elsewhere.get("/admin/")
    assert admin.status_code == 200
    assert html_lang(admin).startswith("en")


def sign_in(client, user):
    """The login form (force_login's request carries no cookie)."""
    response = client.post(
        reverse("login"), {"username": user.username, "password": "secret-password"}
    )
    assert response.status_code == 302


def test_a_language_chosen_before_signing_in_is_saved_to_the_profile(client, home_page):
    user = UserFactory(username="utan-val")
    choose(client, "en", "/")
    sign_in(client, user)
    assert UserProfile.get_for_user(user).preferred_language == "en"
    elsewhere = Client()
    elsewhere.force_login(user)
    assert html_lang(elsewhere.get("/")) == "en"


def test_signing_in_keeps_a_language_the_person_saved_before(client, home_page):
    user = prefers(UserFactory(), "sv")
    choose(client, "en", "/")
    sign_in(client, user)
    assert UserProfile.get_for_user(user).preferred_language == "sv"


def test_the_saved_language_wins_over_the_cookie_and_is_read_from_the_cache(client, home_page):
    user = prefers(UserFactory(), "en")
    client.cookies["django_language"] = "sv"
    client.force_login(user)
    assert html_lang(client.get("/")) == "en"
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/")
    assert html_lang(page) == "en"
    assert not [q for q in queries.captured_queries if "wagtailusers_userprofile" in q["sql"]]


def test_a_cache_miss_does_not_overwrite_a_choice_saved_meanwhile(monkeypatch):
    from django.core.cache import cache

    from vaksam.i18n import remember, saved_language

    user = prefers(UserFactory(), "sv")
    writes = {name: getattr(cache, name) for name in ("add", "set")}

    def chosen_meanwhile(name):
        def write(*args, **kwargs):
            # The profile was read ("sv"); before it is cached, the person chooses English.
            monkeypatch.undo()
            remember(user, "en")
            return writes[name](*args, **kwargs)

        return write

    cache.delete(f"vaksam:language:{user.pk}")
    for name in writes:
        monkeypatch.setattr(cache, name, chosen_meanwhile(name))
    saved_language(user.pk)
    assert saved_language(user.pk) == "en"


def test_an_unsafe_next_is_refused(client, home_page):
    response = choose(client, "en", "https://elak.example/")
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.fixture
def due_in_three_days(course, settings):
    """A rule that makes everyone's course due in three days, when a reminder goes out."""
    settings.REMINDER_DAYS_BEFORE = [3]
    AssignmentRule.objects.create(
        name="Alla", course=course, due_days=30, active_from=timezone.localdate() - timedelta(1000)
    )

    def person(language: str | None, name: str):
        start = timezone.localdate() - timedelta(days=27)
        employee = EmployeeFactory(start_date=start, user__first_name=name)
        if language:
            prefers(employee.user, language)
        return employee

    return person


def test_reminders_in_one_batch_each_in_its_recipients_language(due_in_three_days, course):
    english = due_in_three_days("en", "Alex")
    swedish = due_in_three_days("sv", "Åsa")
    unset = due_in_three_days(None, "Bo")
    recompute_compliance()
    with CaptureQueriesContext(connection) as queries:
        assert send_employee_reminders(timezone.localdate()) == 3
    by_address = {message.to[0]: message for message in mail.outbox}
    to_english = by_address[english.user.email]
    assert to_english.subject == f"Reminder: {course.title}"
    assert "Hello Alex!" in to_english.body and "Hello Alex!" in to_english.alternatives[0][0]
    for person, name in ((swedish, "Åsa"), (unset, "Bo")):
        message = by_address[person.user.email]
        assert message.subject == f"Påminnelse: {course.title}"
        assert f"Hej {name}!" in message.body
    # The profiles come with the batch's one query, not one query per recipient.
    assert not [
        q for q in queries.captured_queries if 'FROM "wagtailusers_userprofile"' in q["sql"]
    ]


def test_managers_digests_in_one_batch_each_in_its_recipients_language(course, roles):
    AssignmentRule.objects.create(
        name="Alla", course=course, due_days=30, active_from=timezone.localdate() - timedelta(1000)
    )
    digests = {}
    for language in ("en", "sv"):
        unit = OrgUnitFactory()
        manager = EmployeeFactory(org_unit=unit, manages=[unit], roles=[roles["chef"]])
        prefers(manager.user, language)
        EmployeeFactory(org_unit=unit, start_date=timezone.localdate() - timedelta(days=60))
        digests[language] = manager.user.email
    recompute_compliance()
    with CaptureQueriesContext(connection) as queries:
        send_manager_digests(timezone.localdate())
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    # A plural entry: from the project's catalogue (locale/), which the tiny one stands before.
    assert subjects[digests["en"]].startswith("Weekly digest: ")
    assert subjects[digests["sv"]].startswith("Veckosammanställning: ")
    assert not profile_queries(queries)


def test_invitations_in_one_batch_each_in_its_recipients_language(unit):
    english, swedish = EmployeeFactory(org_unit=unit), EmployeeFactory(org_unit=unit)
    for person in (english, swedish):
        person.user.set_unusable_password()
        person.user.save()
    prefers(english.user, "en")
    with CaptureQueriesContext(connection) as queries:
        result = invite(employees=Employee.objects.filter(pk__in=[english.pk, swedish.pk]))
    assert len(result.sent) == 2
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects[english.user.email] == "Welcome to Vaksam: choose your password"
    assert subjects[swedish.user.email] == "Välkommen till Vaksam: välj ditt lösenord"
    assert not [
        q for q in queries.captured_queries if 'FROM "wagtailusers_userprofile"' in q["sql"]
    ]


def test_the_password_reset_mail_is_in_the_accounts_language(unit):
    person = EmployeeFactory(org_unit=unit)
    prefers(person.user, "en")
    form = EmployeePasswordResetForm({"email": person.user.email})
    assert form.is_valid()
    form.send_all()
    (message,) = mail.outbox
    assert message.subject == "Choose a new password for Vaksam"


def test_the_booking_mail_and_its_calendar_file_are_in_the_booking_persons_language(
    course, employee
):
    prefers(employee.user, "en")
    starts_at = timezone.now() + timedelta(days=10)
    session = CourseSession.objects.create(
        course=course,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        format=CourseSession.Format.ONLINE,
        capacity=5,
        booking_deadline=starts_at - timedelta(days=2),
    )
    booking = Booking.objects.create(
        session=session, employee=employee, status=Booking.Status.CONFIRMED
    )
    send_booking_email(booking, "confirmed")
    (message,) = mail.outbox
    assert message.subject == f"Booking confirmed: {course.title}"
    (ics,) = [a for a in message.attachments if a[0] == "kurstillfalle.ics"]
    calendar = ics[1].decode() if isinstance(ics[1], bytes) else ics[1]
    unfolded = calendar.replace("\r\n ", "")
    assert f"SUMMARY;LANGUAGE=sv:{course.title}" in unfolded
    assert f"DESCRIPTION;LANGUAGE=en:Course session in {course.title}." in unfolded


def test_the_certificate_is_in_its_holders_language_whoever_renders_it(course, employee):
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module, score=100)
    completion = CourseCompletion.objects.get(employee=employee, course=course)
    # The reader (a manager, HR) has another language than the holder: the holder's counts.
    with translation.override("en"):
        swedish = certificate_html(Certificate.objects.get(completion=completion))
    prefers(employee.user, "en")
    with translation.override("sv"):
        html = certificate_html(Certificate.objects.get(completion=completion))
    assert '<html lang="sv">' in swedish and "<title>Intyg: " in swedish
    assert '<html lang="en">' in html and "<title>Certificate: " in html


def test_a_module_page_in_english_says_its_content_is_swedish_and_marks_it(client, course):
    employee = EmployeeFactory()
    client.force_login(prefers(employee.user, "en"))
    html = client.get(course.intro_module.url).content.decode()
    assert NOTICE_EN in html
    assert f'<h1 lang="sv">{course.intro_module.title}</h1>' in html
    assert '<div class="streamfield" lang="sv">' in html
    prefers(employee.user, "sv")
    html = client.get(course.intro_module.url).content.decode()
    assert NOTICE_SV not in html and NOTICE_EN not in html
    assert f"<h1>{course.intro_module.title}</h1>" in html


@pytest.mark.parametrize("template", ["blocks/dilemma_block.html", "blocks/video_block.html"])
def test_a_blocks_own_interface_text_is_marked_with_the_interface_language(template):
    """Inside the StreamField marked lang="sv", "Show reflection" is English (WCAG 3.1.2)."""
    from django.template.loader import render_to_string

    value = {"title": "Ett dilemma", "situation": "", "question": "", "reflection": ""}
    value |= {"video": {"url": ""}, "transcript": ""}
    with translation.override("en"):
        english = render_to_string(template, {"value": value, "id": "x"})
    with translation.override("sv"):
        swedish = render_to_string(template, {"value": value, "id": "x"})
    assert '<summary lang="en">' in english
    assert "<summary>" in swedish and "lang=" not in swedish


def test_a_content_title_inside_a_translated_sentence_is_marked_swedish_in_english():
    from django.template import Context, Template

    template = Template(
        "{% load i18n vaksam_i18n %}{% blocktranslate with module=title|in_content_language %}"
        "Fortsätt: {{ module }}{% endblocktranslate %}"
    )
    with translation.override("en"):
        english = template.render(Context({"title": "Hot & våld"}))
    with translation.override("sv"):
        swedish = template.render(Context({"title": "Hot & våld"}))
    assert '<span lang="sv">Hot &amp; våld</span>' in english
    assert swedish == "Fortsätt: Hot &amp; våld"
