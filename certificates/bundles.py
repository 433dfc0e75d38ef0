"""Many certificates as one ZIP: streamed to the browser, or written to a file in the background."""

import zipfile
from collections.abc import Iterable, Iterator

from certificates.models import Certificate
from certificates.pdf import certificate_pdf, letterhead


def member_name(certificate: Certificate) -> str:
    holder = "".join(c if c.isalnum() else "-" for c in certificate.holder).strip("-")
    return f"{holder}-{certificate.display_code}.pdf"


class _Chunks:
    """A write-only file: zipfile writes into it, we hand the bytes on."""

    def __init__(self):
        self._parts: list[bytes] = []

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


# Each certificate is in its holder's language (certificate_html): select_related
# ("employee__user__wagtail_userprofile") on the certificates spares a query each.
def stream_zip(certificates: Iterable[Certificate], *, site_settings) -> Iterator[bytes]:
    """Yield the ZIP piece by piece, one certificate at a time, never all in memory."""
    head = letterhead(site_settings)  # the logo and the signature, read once for the batch
    sink = _Chunks()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            archive.writestr(member_name(certificate), certificate_pdf(certificate, head=head))
            yield sink.take()
    yield sink.take()


def write_zip(certificates: Iterable[Certificate], fileobj, *, site_settings) -> None:
    head = letterhead(site_settings)  # the logo and the signature, read once for the batch
    with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            archive.writestr(member_name(certificate), certificate_pdf(certificate, head=head))
