"""`make lighthouse`: Lighthouse's four scores for five pages, on a phone and on a desktop.

The app is served as production serves it: gunicorn, production settings, WhiteNoise with
collectstatic's hashed and compressed files, Redis for cache and sessions, on a seeded demo
database of its own (SQLite, in a temporary folder), on free ports; everything it starts it
stops. People are signed in by a
session cookie handed to Lighthouse (--extra-headers); HR's session carries a verified second
factor, as production demands for the follow-up pages.

Writes each report to var/lighthouse/ and prints one JSON summary last.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var/lighthouse"
LIGHTHOUSE = ROOT / "tools/lighthouse/node_modules/.bin/lighthouse"
CHROMIUM = os.environ.get("VAKSAM_CHROMIUM", "/usr/bin/chromium")
PYTHON = sys.executable

PAGES = [
    (None, "/"),
    ("medarbetare", "/mina-kurser/"),
    ("medarbetare", "/kurser/otillaten-paverkan/hot-och-vald/"),
    ("hr", "/uppfoljning/"),
    ("hr", "/uppfoljning/personer/"),
]
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]

# Print every user's session cookie as JSON; HR's session has passed the second factor.
SESSIONS = """
import json
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

cookies = {}
for username in USERNAMES:
    user = get_user_model().objects.get(username=username)
    client = Client()
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="lighthouse")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    cookies[username] = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
print(json.dumps(cookies))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *args, capture=False):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    ).stdout


def wait_for(port: int, server: subprocess.Popen, name: str) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise SystemExit(f"{name} stopped before it answered")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise SystemExit(f"{name} did not answer within a minute")


def warm_up(port: int, cookies: dict) -> None:
    """Load each page a few times first: a production server has been answering for a while,
    and a cold worker's first request (imports, templates, caches) took 11 s here."""
    for username, path in PAGES:
        headers = {"Cookie": cookies[username]} if username else {}
        for _ in range(4):  # each of the two workers, twice
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - our own
                response.read()


def lighthouse(url: str, cookie: str | None, form_factor: str, report: Path) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        f"--chrome-path={CHROMIUM}",
        "--chrome-flags=--headless --no-sandbox",
        f"--only-categories={','.join(CATEGORIES)}",
        "--quiet",
        *FORM_FACTORS[form_factor],
    ]
    if cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    # Lighthouse now and then fails to record a trace (NO_NAVSTART): up to three tries.
    for attempt in range(3):
        if subprocess.run(command, check=attempt == 2).returncode == 0:
            break
    categories = json.loads(report.read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="vaksam-lighthouse-"))
    port, redis_port = free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vaksam.settings.production",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_ROOT": str(folder / "private"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "BASE_URL": f"https://127.0.0.1:{port}",
        "EMAIL_URL": "consolemail://",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
    }
    server = None
    # Production's cache and sessions: a Redis of its own, in memory only.
    redis = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for(redis_port, redis, "redis-server")
        print("==> Migrating, seeding the demo and collecting static files", file=sys.stderr)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "seed_demo", "--allow-demo-logins", "--verbosity", "0")
        manage(env, "collectstatic", "--no-input", "-v", "0")
        usernames = sorted({username for username, _ in PAGES if username})
        shell = manage(env, "shell", "-c", f"USERNAMES = {usernames!r}\n{SESSIONS}", capture=True)
        cookies = json.loads(shell.strip().splitlines()[-1])  # after anything the apps print
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "vaksam.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
            cwd=ROOT,
            env=env,
            stderr=subprocess.DEVNULL,
        )
        wait_for(port, server, "gunicorn")
        warm_up(port, cookies)
        summary = {}
        for username, path in PAGES:
            name = f"{path} ({username or 'anonymous'})"
            summary[name] = {}
            slug = path.strip("/").replace("/", "_") or "start"
            for form_factor in FORM_FACTORS:
                print(f"==> {name}, {form_factor}", file=sys.stderr)
                summary[name][form_factor] = lighthouse(
                    f"http://127.0.0.1:{port}{path}",
                    cookies.get(username),
                    form_factor,
                    OUT / f"{slug}-{form_factor}.json",
                )
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        redis.terminate()
        redis.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
