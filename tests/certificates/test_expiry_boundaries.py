"""A certificate is valid through its last valid day, expired the day after, revoked always."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from certificates.models import Certificate

LAST_DAY = date(2027, 3, 31)
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (LAST_DAY - DAY, Certificate.Status.VALID),
        (LAST_DAY, Certificate.Status.VALID),
        (LAST_DAY + DAY, Certificate.Status.EXPIRED),
    ],
)
def test_status_around_the_last_valid_day(on, expected):
    assert Certificate(valid_until=LAST_DAY).status(on) == expected
    revoked = Certificate(valid_until=LAST_DAY, revoked_at=timezone.now())
    assert revoked.status(on) == Certificate.Status.REVOKED


def test_status_without_a_day_is_today_in_sweden():
    today = timezone.localdate()
    assert Certificate(valid_until=today).status() == Certificate.Status.VALID
    assert Certificate(valid_until=today - DAY).status() == Certificate.Status.EXPIRED
    assert Certificate(valid_until=today).get_status_display() == "Giltigt"


def test_querysets_agree_with_the_status(certificate):
    certificate.valid_until = LAST_DAY
    certificate.save()
    valid_on, expired_on = Certificate.objects.valid_on, Certificate.objects.expired_on
    for day in (LAST_DAY - DAY, LAST_DAY):
        assert list(valid_on(day)) == [certificate] and not expired_on(day).exists()
    assert not valid_on(LAST_DAY + DAY).exists()
    assert list(expired_on(LAST_DAY + DAY)) == [certificate]
    certificate.revoked_at, certificate.revoked_reason = timezone.now(), "Fel person"
    certificate.save()
    assert list(Certificate.objects.revoked()) == [certificate]
    assert not valid_on(LAST_DAY).exists() and not expired_on(LAST_DAY + DAY).exists()
