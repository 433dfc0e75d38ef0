"""Benchmark: render 200 certificate PDFs and print the timing and size as JSON.

Run with `make bench`. Each certificate has its own holder and code, and the cache is bypassed,
so every PDF is rendered from scratch, as on a first download.
"""

import base64
import json
import os
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vaksam.settings.test")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from certificates import codes  # noqa: E402
from certificates.models import Certificate  # noqa: E402
from certificates.pdf import Letterhead, certificate_html, html_to_pdf  # noqa: E402

COUNT = 200
ASSETS = Path(__file__).resolve().parent.parent / "courses" / "demo_assets"


def _png(name: str) -> str:
    return "data:image/png;base64," + base64.b64encode((ASSETS / name).read_bytes()).decode()


# The demo's logo and signature, read once as a ZIP of certificates does (certificates.bundles).
HEAD = Letterhead(
    organisation_name="Norrdalens stadsdelsförvaltning",
    logo=_png("logo.png"),
    signer_name="Leila Haddad",
    signature=_png("signature.png"),
)
MODULES = ["Introduktion", "Hot och våld", "Jäv", "Korruption och mutor"]


def certificate(number: int) -> Certificate:
    issued = timezone.make_aware(datetime(2026, 1, 1 + number % 28, 10, 0))
    return Certificate(
        code=codes.generate(),
        holder_name=f"Åsa Öberg-Lindgärd {number}",
        course_title="Otillåten påverkan",
        module_titles=MODULES,
        issued_at=issued,
        valid_until=date(2028, 1, 1 + number % 28),
        signer_name="Leila Haddad",
        signer_title="Säkerhetssamordnare",
    )


def main() -> None:
    first = certificate(0)
    html_to_pdf(certificate_html(first, head=HEAD), created=first.issued_at)  # fonts
    timings, sizes = [], []
    for number in range(COUNT):
        cert = certificate(number)
        html = certificate_html(cert, head=HEAD)
        start = time.perf_counter()
        pdf = html_to_pdf(html, created=cert.issued_at)
        timings.append((time.perf_counter() - start) * 1000)
        sizes.append(len(pdf))
    timings.sort()
    print(
        json.dumps(
            {
                "benchmark": "certificate_pdf",
                "count": COUNT,
                "median_ms": round(statistics.median(timings), 1),
                "p95_ms": round(timings[int(0.95 * COUNT) - 1], 1),
                "median_kb": round(statistics.median(sizes) / 1024, 1),
                "target": {"median_ms": 100, "median_kb": 100},
            }
        )
    )


if __name__ == "__main__":
    main()
