"""The token the import's confirmation sends back names a stored upload, never a path."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from people.uploads import discard_upload, read_upload, store_upload

pytestmark = pytest.mark.usefixtures("private_root")


def test_a_stored_upload_is_read_back_by_its_token_and_discarded():
    token = store_upload(SimpleUploadedFile("Personal.CSV", b"anstallningsnummer\n"))
    assert token.endswith(".csv")
    assert read_upload(token) == b"anstallningsnummer\n"
    discard_upload(token)
    assert read_upload(token) is None


@pytest.mark.parametrize("token", ["..", ".", "../imports", "a/b.csv", "", "x.exe", "x\x00.csv"])
def test_a_token_that_is_not_one_reads_nothing_and_removes_nothing(token, private_root):
    secret = private_root / "secret.csv"
    secret.write_bytes(b"not yours")
    assert read_upload(token) is None
    discard_upload(token)  # no error, and nothing outside the uploads touched
    assert secret.read_bytes() == b"not yours"
