"""Public verification: the three statuses, forgiving input, clear refusals, a rate limit."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates.models import Certificate
from certificates.services import revoke_certificate
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def _page(client, code):
    return client.get(reverse("certificates:verify", args=[code]))


def _json(client, code):
    return client.get(reverse("certificates:verify_json", args=[code]))


def test_valid_certificate_page_and_json(client, certificate, home_page):
    response = _page(client, certificate.display_code.lower())
    content = response.content.decode()
    assert response.status_code == 200
    assert "Giltigt" in content and "Åsa Öberg-Lindgärd" in content
    assert certificate.course_title in content
    assert certificate.employee.employee_number not in content  # nothing else personal
    # The code in a neutral box as on the certificate, not Bootstrap's pink <code>.
    assert f'<span class="verification-code">{certificate.display_code}</span>' in content
    assert "<code" not in content
    data = _json(client, certificate.code).json()
    assert data == {
        "code": certificate.display_code,
        "status": "valid",
        "status_text": "Giltigt",
        "holder": "Åsa Öberg-Lindgärd",
        "holder_has_left": False,
        "course": certificate.course_title,
        # The Swedish date: just after midnight it is not yet that date in UTC.
        "issued_at": timezone.localdate(certificate.issued_at).isoformat(),
        "valid_until": certificate.valid_until.isoformat(),
    }


def test_expired_certificate_says_so(client, certificate, home_page):
    certificate.valid_until = timezone.localdate() - timedelta(days=1)
    certificate.save()
    assert "Har upphört att gälla" in _page(client, certificate.display_code).content.decode()
    assert _json(client, certificate.display_code).json()["status"] == "expired"


def test_revoked_certificate_says_so(client, certificate, home_page, employee):
    revoke_certificate(certificate=certificate, reason="Fel person", user=employee.user)
    content = _page(client, certificate.display_code).content.decode()
    assert "Återkallat" in content and "har återkallats" in content
    assert _json(client, certificate.display_code).json()["status"] == "revoked"
    assert "Fel person" not in content  # the reason is internal


def test_revoking_records_who_and_why_and_voids_the_completion(certificate, unit):
    """The audit log names the certificate, who revoked it and why; the completion no longer
    counts. Only the revocation is written: the holder was pseudonymised (privacy.leavers)
    after HR opened the certificate, and revoking must not bring the name back."""
    hr = EmployeeFactory(org_unit=unit).user
    Certificate.objects.filter(pk=certificate.pk).update(holder_name="")
    revoke_certificate(certificate=certificate, reason="  Utfärdat av misstag\n", user=hr)
    stored = Certificate.objects.get(pk=certificate.pk)
    assert stored.status() == Certificate.Status.REVOKED
    assert (stored.revoked_reason, stored.revoked_by) == ("Utfärdat av misstag", hr)
    assert stored.holder_name == ""
    certificate.completion.refresh_from_db()
    assert certificate.completion.revoked_at is not None
    entry = ModelLogEntry.objects.get(action="certificates.revoke")
    assert entry.content_type.model_class() is Certificate
    assert (entry.object_id, entry.user) == (str(certificate.pk), hr)
    assert entry.data == {"reason": "Utfärdat av misstag", "code": certificate.display_code}


def test_form_redirects_to_the_certificate(client, certificate, home_page):
    response = client.get(reverse("certificates:verify_form"), {"code": certificate.code.lower()})
    assert response["Location"] == reverse("certificates:verify", args=[certificate.display_code])


@pytest.mark.parametrize(
    ("code", "status", "message"),
    [
        ("ABCD-EFGH-JKMN", 404, "Vi hittade inget intyg"),
        ("ABCD!", 400, "tecken som inte finns"),
        ("A" * 200, 400, "för lång"),
    ],
)
def test_unknown_malformed_and_over_long_codes_get_swedish_messages(
    client, home_page, code, status, message
):
    response = _page(client, code)
    assert response.status_code == status
    assert message in response.content.decode()
    assert _json(client, code).status_code == status


def test_form_errors_are_swedish(client, home_page):
    response = client.get(reverse("certificates:verify_form"), {"code": "12"})
    assert response.status_code == 200
    assert "En intygskod har 12 tecken; du skrev 2" in response.content.decode()


def test_lookups_are_rate_limited_per_client(client, home_page, settings):
    settings.CERTIFICATE_VERIFY_RATE = "5/m"
    statuses = [_json(client, f"ABCD-EFGH-JK{n:02d}"[:14]).status_code for n in range(7)]
    # Five lookups a minute are answered (unknown codes: 404); the sixth and seventh are not.
    assert statuses == [404] * 5 + [429] * 2


def test_json_issue_date_is_the_swedish_calendar_date(client, certificate, home_page):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    # 00:30 in Stockholm on 1 March is still 28 February in UTC.
    certificate.issued_at = datetime(2025, 3, 1, 0, 30, tzinfo=ZoneInfo("Europe/Stockholm"))
    certificate.save()
    assert _json(client, certificate.code).json()["issued_at"] == "2025-03-01"
