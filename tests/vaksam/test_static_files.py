"""Under production's static storage, hashed files are served by the app with a year's cache."""

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic once, with production's storage, into a folder of this module's own."""
    from django.test import override_settings

    root = tmp_path_factory.mktemp("runtime-static")
    with override_settings(
        STATIC_ROOT=str(root),
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
        # As in production: the collected folder only, read once at startup.
        WHITENOISE_AUTOREFRESH=False,
        WHITENOISE_USE_FINDERS=False,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


def test_a_hashed_static_file_is_cached_for_a_year(collected):
    url = staticfiles_storage.url("css/vaksam.css")
    assert url != "/static/css/vaksam.css"  # the name carries the content's hash
    response = Client().get(url)
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert max_age >= 365 * 24 * 60 * 60
    # A compressed copy exists for browsers that take it.
    compressed = Client().get(url, headers={"accept-encoding": "gzip"})
    assert compressed["Content-Encoding"] == "gzip"


def test_the_unhashed_name_is_cached_briefly(collected):
    response = Client().get("/static/css/vaksam.css")
    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]


def test_wagtails_admin_static_files_survive_the_manifest(collected):
    """collectstatic under the manifest fails on a broken reference; Wagtail's are all there."""
    url = staticfiles_storage.url("wagtailadmin/css/core.css")
    response = Client().get(url)
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]


def test_favicon_ico_is_served_at_the_root(collected):
    """Read once at startup from WHITENOISE_ROOT, as in production: no 404 for /favicon.ico."""
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
