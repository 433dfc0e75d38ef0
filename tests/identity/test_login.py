"""Logging in and out, in Swedish. The limits on guessing are in test_limits.py."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_is_in_swedish(client, home_page):
    response = client.get(reverse("login"))
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in content
    assert "Användarnamn" in content and "Lösenord" in content


def test_wrong_password_gets_a_swedish_message(client, home_page, employee):
    response = client.post(
        reverse("login"), {"username": employee.user.username, "password": "fel"}
    )
    assert response.status_code == 200
    assert "Ange ett korrekt användarnamn och lösenord" in response.content.decode()


def test_login_then_mina_kurser(client, course, employee):
    response = client.post(
        reverse("login"),
        {"username": employee.user.username, "password": "secret-password"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("my_courses")


def test_login_page_links_to_the_password_reset(client, home_page):
    response = client.get(reverse("login"))
    assert f'href="{reverse("password_reset")}"' in response.content.decode()
    assert "Glömt lösenordet?" in response.content.decode()


def test_logout_is_a_post_and_ends_the_session(client, home_page, employee):
    client.force_login(employee.user)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("my_courses")).status_code == 302
