"""Clean pages (issue 18): no admin code outside the CMS, icons, descriptions, valid forms."""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from django.test import Client
from django.urls import reverse

from tests.quizzes.conftest import questions

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """The <link> and <meta> elements of a page, as attribute dictionaries."""

    def __init__(self):
        super().__init__()
        self.links, self.metas = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "link":
            self.links.append(dict(attrs))
        elif tag == "meta":
            self.metas.append(dict(attrs))


def head_of(html: str) -> Head:
    head = Head()
    head.feed(html)
    return head


def test_the_follow_up_and_mina_kurser_load_no_userbar_for_an_editor(
    client, login_as_member, home_page
):
    """HR may open the admin (the header links it) but those pages have nothing to edit."""
    login_as_member("HR")
    for url in (reverse("reports:overview"), reverse("my_courses")):
        page = client.get(url).content.decode()
        assert "Redigera innehåll" in page  # an editor: the userbar would have been shown
        assert "wagtail-userbar" not in page, url
        assert "wagtailadmin/js/userbar" not in page, url


def test_the_follow_up_filter_has_no_empty_name(admin_client, home_page, unit):
    page = admin_client.get(reverse("reports:overview")).content.decode()
    assert 'class="follow-up-filters"' in page
    assert 'name=""' not in page
    # Still a submit button, and one that adds nothing to the filter's URL.
    assert re.search(r'<button[^>]*type="submit"[^>]*>\s*Visa\s*</button>', page)


def test_the_quiz_form_has_one_csrf_input(client, course, employee):
    from quizzes.models import ModuleQuiz

    ModuleQuiz.objects.create(page=course.intro_module, questions=questions())
    client.force_login(employee.user)
    started = client.post(reverse("quizzes:start", args=[course.intro_module.pk]))
    page = client.get(started["Location"]).content.decode()
    quiz_form = re.search(r'<form[^>]*class="quiz-form".*?</form>', page, re.S).group(0)
    assert quiz_form.count('name="csrfmiddlewaretoken"') == 1


def test_pages_link_a_favicon_and_a_manifest_that_are_served(client, home_page):
    links = head_of(client.get("/").content.decode()).links
    icons = {link["type"]: link["href"] for link in links if link["rel"] == "icon"}
    assert set(icons) == {"image/svg+xml", "image/png"}
    for media_type, url in icons.items():
        response = Client().get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == media_type
    [manifest_url] = [link["href"] for link in links if link["rel"] == "manifest"]
    response = Client().get(manifest_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(b"".join(response.streaming_content))
    assert manifest["name"] == "Vaksam"
    for icon in manifest["icons"]:
        icon_response = Client().get(urljoin(manifest_url, icon["src"]))
        assert icon_response.status_code == 200, icon["src"]
        assert icon_response["Content-Type"] == icon["type"]


def test_favicon_ico_at_the_root_is_served():
    """Browsers and crawlers ask for /favicon.ico whatever the page links: no 404 for it."""
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def description(html: str) -> str:
    metas = head_of(html).metas
    [content] = [meta["content"] for meta in metas if meta.get("name") == "description"]
    return content


def test_every_kind_of_page_has_a_meta_description(client, home_page, employee):
    """Wagtail pages, our own views and the login page: a site-wide one unless they have one."""
    assert "otillåten påverkan" in description(client.get("/").content.decode())
    assert "otillåten påverkan" in description(client.get(reverse("login")).content.decode())
    client.force_login(employee.user)
    assert "otillåten påverkan" in description(client.get(reverse("my_courses")).content.decode())
    home_page.search_description = "Allt om att stå emot påtryckningar."
    home_page.save_revision().publish()
    assert description(client.get("/").content.decode()) == "Allt om att stå emot påtryckningar."


def test_the_site_description_names_the_organisation(client, home_page):
    from content.models import SiteSettings

    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.organisation_name = "Vaksamby kommun"
    site_settings.save()
    assert "Vaksamby kommun" in description(client.get("/").content.decode())


def test_the_admin_sends_no_e_mail_hash_to_gravatar(admin_client, admin_user):
    admin_user.email = "karin.sjoberg@vaksamby.example"
    admin_user.save()
    for url in ("/admin/", reverse("wagtailadmin_account")):
        response = admin_client.get(url)
        assert response.status_code == 200
        assert "gravatar" not in response.content.decode(), url
