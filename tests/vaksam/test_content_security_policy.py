"""Content Security Policy (issue 14, low finding): no inline code on our pages."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# E-mails and PDFs are not served to a browser; the admin's templates run under Wagtail's rules;
# downloaded files (a register extract's uppgifter.html) open from disk and must be self-contained.
NOT_PAGES = ("email", "admin", "_pdf.html", "_file.html")
INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)|\sstyle=|\son[a-z]+=|<style")


def test_public_pages_carry_a_policy_without_inline_code(client, course, employee):
    client.force_login(employee.user)
    for url in ("/", reverse("my_courses"), reverse("login")):
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, url
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
        assert "object-src 'none'" in policy


def test_the_admin_keeps_wagtails_own_rules(admin_client):
    assert "Content-Security-Policy" not in admin_client.get("/admin/").headers


def test_no_page_template_has_inline_script_or_style():
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0).strip()}"
        for path in TEMPLATES.rglob("*.html")
        if not any(part in str(path.relative_to(TEMPLATES)) for part in NOT_PAGES)
        for match in INLINE.finditer(path.read_text())
    ]
    assert offenders == []
