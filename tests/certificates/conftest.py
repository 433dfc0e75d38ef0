from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from PIL import Image
from wagtail.models import Site
from wagtail_factories import ImageFactory

from content.models import SiteSettings
from courses.models import CourseCompletion
from courses.services import record_module_completion

# Sizes no QR code has (QR codes are square), so each image can be told apart in the PDF.
LOGO_SIZE, SIGNATURE_SIZE = (300, 120), (420, 140)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """PDFs and rate limits live in the cache; every test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def completed(course, employee):
    """The employee has completed the course (both modules meant for them)."""
    employee.user.first_name, employee.user.last_name = "Åsa", "Öberg-Lindgärd"
    employee.user.save()
    for module in (course.intro_module, course.jav_module):
        record_module_completion(employee=employee, module=module, score=100)
    return CourseCompletion.objects.get(employee=employee, course=course)


@pytest.fixture
def certificate(completed):
    return completed.certificate


@pytest.fixture
def signed_settings(private_root):
    """Settings as an organisation fills them in: name, logo, signer and a scanned signature."""
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Norrdalens stadsdelsförvaltning"
    site_settings.signer_name = "Leila Haddad"
    site_settings.signer_title = "Säkerhetssamordnare"
    site_settings.logo = _image(LOGO_SIZE)
    site_settings.signature.save("namnteckning.png", ContentFile(png(SIGNATURE_SIZE)), save=False)
    site_settings.save()
    return site_settings


@pytest.fixture
def signed_certificate(signed_settings, completed):
    """A certificate issued while the settings above name the signer."""
    assert completed.certificate.signer_name == "Leila Haddad"
    return completed.certificate


def _image(size):
    width, height = size
    return ImageFactory(file__width=width, file__height=height, file__format="PNG")


def png(size) -> bytes:
    output = BytesIO()
    Image.new("RGB", size, "white").save(output, format="PNG")
    return output.getvalue()
