"""Realistic journeys against prod-local, for locust (run by deploy/loadtest/run.py).

Learners: log in, Mina kurser, a module, its quiz started and submitted (mostly right: they
read the module), the result, their certificates (now and then the PDF), the course sessions
and now and then a booking. HR officers: sign in with a password and a TOTP code, then the
follow-up pages and an export. Think time between steps, as people read.

What the users did is counted here, client-side (client.json: submitted attempts, bookings),
so run.py can compare it with the database afterwards. Failures are written with their time
(failures.jsonl), so the fault drills can say what users saw during each drill.
"""

from __future__ import annotations

import json
import os
import random
import re
import threading
import time
from pathlib import Path

import urllib3
from django_otp.oath import totp
from locust import HttpUser, between, events, task

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

DIR = Path(os.environ["LOADTEST_DIR"])
USERS = json.loads((DIR / "users.json").read_text())
ANSWER_KEY: dict[str, list[str]] = USERS["answer_key"]
# How often a learner knows the right answer: most pass, some fail and try again later.
KNOWS_ANSWER = float(os.environ.get("KNOWS_ANSWER", "0.9"))

_lock = threading.Lock()
_learners = iter(USERS["learners"])
_hr = iter(USERS["hr"])
CLIENT: dict[str, list] = {"submitted_attempts": [], "bookings": [], "logins": []}
_failures = open(DIR / "failures.jsonl", "a")  # noqa: SIM115 - open for the whole run

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MODULE_LINK = re.compile(r'<a class="fw-bold" href="([^"]+)"')
QUIZ_START = re.compile(r'action="(/moduler/\d+/kunskapstest/)"')
CHOICE = re.compile(r'<input[^>]*type="(?:radio|checkbox)"[^>]*>')
ATTR = re.compile(r'(name|value)="([^"]*)"')
ATTEMPT = re.compile(r"/kunskapstest/([0-9a-f-]{36})/")
BOOK = re.compile(r'action="/kurstillfallen/(\d+)/boka/"')
CERTIFICATE_PDF = re.compile(r'href="(/intyg/[^"/]+/pdf/)"')


@events.request.add_listener
def _record_failure(request_type, name, response_time, response_length, exception, **kwargs):
    if exception is None:
        return
    response = kwargs.get("response")
    status = getattr(response, "status_code", None)
    line = {
        "t": time.time(),
        "method": request_type,
        "name": name,
        "status": status,
        "error": str(exception)[:200],
    }
    with _lock:
        _failures.write(json.dumps(line) + "\n")
        _failures.flush()


@events.quitting.add_listener
def _write_results(environment, **_kwargs):
    stats = environment.stats
    endpoints = {}
    for entry in sorted(stats.entries.values(), key=lambda e: (e.name, e.method)):
        endpoints[f"{entry.method} {entry.name}"] = {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "p50_ms": entry.get_response_time_percentile(0.5),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "p99_ms": entry.get_response_time_percentile(0.99),
        }
    total = stats.total
    summary = {
        "requests": total.num_requests,
        "failures": total.num_failures,
        "rps": round(total.total_rps, 1),
        "p50_ms": total.get_response_time_percentile(0.5),
        "p95_ms": total.get_response_time_percentile(0.95),
        "p99_ms": total.get_response_time_percentile(0.99),
        "endpoints": endpoints,
        "errors": [
            {
                "method": e.method,
                "name": e.name,
                "error": str(e.error)[:200],
                "count": e.occurrences,
            }
            for e in stats.errors.values()
        ],
    }
    # A journey that broke in our own code counts too: it would hide work never done.
    runner = environment.runner
    summary["task_exceptions"] = (
        sum(e["count"] for e in runner.exceptions.values()) if runner else 0
    )
    (DIR / "locust.json").write_text(json.dumps(summary))
    with _lock:
        (DIR / "client.json").write_text(json.dumps(CLIENT))


class _Visitor(HttpUser):
    abstract = True

    def on_start(self):
        self.client.verify = False  # prod-local's own self-signed certificate
        # Django checks the Referer of every HTTPS form post against the site's own origin.
        self.client.headers["Referer"] = f"{self.host}/"
        self.client.headers["Accept-Language"] = "sv"

    def form_post(self, url, page_html, data, name):
        token = CSRF.search(page_html)
        payload = {"csrfmiddlewaretoken": token.group(1) if token else "", **data}
        return self.client.post(url, data=payload, name=name)

    def log_in(self, username, password):
        page = self.client.get("/konto/logga-in/", name="/konto/logga-in/")
        response = self.form_post(
            "/konto/logga-in/",
            page.text,
            {"username": username, "password": password},
            name="/konto/logga-in/ (POST)",
        )
        return response, response.ok and "/konto/logga-in/" not in response.url


class Learner(_Visitor):
    weight = 100
    wait_time = between(1, 5)

    def on_start(self):
        super().on_start()
        with _lock:
            self.username = next(_learners, None)
        if self.username is None:
            raise RuntimeError("More learners than prepared users (--learners).")
        self.logged_in = False
        self.sign_in()

    def sign_in(self):
        _response, self.logged_in = self.log_in(self.username, USERS["password"])
        if self.logged_in:
            with _lock:
                CLIENT["logins"].append(self.username)

    @task
    def journey(self):
        if not self.logged_in:
            # A login that failed (a timeout under load) is tried again, as a person would.
            self.sign_in()
            return
        courses = self.client.get("/mina-kurser/", name="/mina-kurser/")
        modules = MODULE_LINK.findall(courses.text)
        if modules:
            self.wait()
            module = self.client.get(random.choice(modules), name="module page")
            start = QUIZ_START.search(module.text)
            if start:
                self.wait()
                self.take_quiz(start.group(1), module.text)
        self.wait()
        certificates = self.client.get("/intyg/", name="/intyg/")
        pdfs = CERTIFICATE_PDF.findall(certificates.text)
        if pdfs and random.random() < 0.2:
            self.client.get(random.choice(pdfs), name="/intyg/[code]/pdf/")
        self.wait()
        self.maybe_book()

    def take_quiz(self, start_url, module_html):
        taking = self.form_post(start_url, module_html, {}, name="/moduler/[id]/kunskapstest/")
        attempt = ATTEMPT.search(taking.url)
        if not (taking.ok and attempt):
            return
        answers: dict[str, list[str]] = {}
        for tag in CHOICE.findall(taking.text):
            attrs = dict(ATTR.findall(tag))
            if attrs.get("name", "").startswith("q_"):
                answers.setdefault(attrs["name"], []).append(attrs.get("value", ""))
        data = {}
        for field, options in answers.items():
            correct = ANSWER_KEY.get(field[2:])
            if correct and random.random() < KNOWS_ANSWER:
                data[field] = correct
            else:
                data[field] = [random.choice(options)]
        # Reading and answering the questions takes a while.
        time.sleep(random.uniform(5, 15))
        result = self.form_post(taking.url, taking.text, data, name="/kunskapstest/[id]/ (submit)")
        if result.ok and result.url.endswith(f"/kunskapstest/{attempt.group(1)}/resultat/"):
            with _lock:
                CLIENT["submitted_attempts"].append(attempt.group(1))

    def maybe_book(self):
        sessions = self.client.get("/kurstillfallen/", name="/kurstillfallen/")
        bookable = BOOK.findall(sessions.text)
        if not bookable or random.random() > 0.3:
            return
        session = random.choice(bookable)
        self.wait()
        after = self.form_post(
            f"/kurstillfallen/{session}/boka/", sessions.text, {}, name="/kurstillfallen/[id]/boka/"
        )
        # Booked (or waitlisted) when the list now offers to cancel that session.
        if after.ok and f'action="/kurstillfallen/{session}/avboka/"' in after.text:
            with _lock:
                CLIENT["bookings"].append([int(session), self.username])


class HROfficer(_Visitor):
    fixed_count = int(os.environ.get("HR_USERS", "3"))
    wait_time = between(3, 10)

    def on_start(self):
        super().on_start()
        with _lock:
            account = next(_hr, None)
        if account is None:
            raise RuntimeError("More HR users than prepared HR accounts (--hr).")
        _response, ok = self.log_in(account["username"], USERS["password"])
        if not ok:
            return
        # The follow-up asks an administrator for the authenticator's code first.
        page = self.client.get("/uppfoljning/", name="/uppfoljning/")
        if "tvastegsverifiering" in page.url:
            code = f"{totp(bytes(_b32(account['totp_key']))):06d}"
            self.form_post(
                page.url, page.text, {"code": code}, name="/konto/tvastegsverifiering/ (POST)"
            )

    @task(4)
    def overview(self):
        self.client.get("/uppfoljning/", name="/uppfoljning/")

    @task(3)
    def people(self):
        self.client.get("/uppfoljning/personer/", name="/uppfoljning/personer/")

    @task(2)
    def sessions(self):
        self.client.get("/uppfoljning/kurstillfallen/", name="/uppfoljning/kurstillfallen/")

    @task(1)
    def questions(self):
        self.client.get("/uppfoljning/fragor/", name="/uppfoljning/fragor/")

    @task(1)
    def export(self):
        self.client.get("/uppfoljning/personer/export.csv", name="/uppfoljning/personer/export.csv")


def _b32(key: str) -> bytes:
    import base64

    return base64.b32decode(key)
