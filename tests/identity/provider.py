"""Run the real OpenID Connect test provider (tests/identity/oidc_provider/server.js) and sign in
through it over HTTP, as a browser would, with `requests`.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

PROVIDER_DIR = Path(__file__).parent / "oidc_provider"
CLIENT_ID = "vaksam-test"
CLIENT_SECRET = "vaksam-test-client-secret"
INSTALL_HINT = "npm ci --prefix tests/identity/oidc_provider"


@dataclass
class TestProvider:
    issuer: str
    accounts_file: Path

    __test__ = False  # not a test class, whatever its name says

    def set_accounts(self, accounts: dict[str, dict]) -> None:
        """Who exists at the provider: {login: claims}; the login is their `sub`."""
        partial = self.accounts_file.with_suffix(".tmp")
        partial.write_text(json.dumps(accounts))
        partial.replace(self.accounts_file)

    def sign_in(self, authorization_url: str, login: str, browser=None) -> str:
        """Log in at the provider's login form; return the URL it sends the browser back to.

        `browser` (a requests.Session) keeps the provider's cookies between calls.
        """
        browser = browser or requests.Session()
        response = browser.get(authorization_url, timeout=10)
        response.raise_for_status()
        action = re.search(r'<form[^>]*action="([^"]+)"', response.text)
        assert action, f"no login form at the provider: {response.text[:500]}"
        url = urljoin(response.url, unescape(action.group(1)))
        response = browser.post(
            url,
            data={"prompt": "login", "login": login, "password": "any password"},
            allow_redirects=False,
            timeout=10,
        )
        # Follow the provider's own redirects until it sends the browser back to us.
        while response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if not location.startswith(self.issuer):
                return location
            response = browser.get(location, allow_redirects=False, timeout=10)
        raise AssertionError(f"the provider did not redirect back: {response.text[:500]}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _require_node() -> str:
    """Node.js 20+ with the provider installed; else skip with how to install (fail in CI)."""
    node = shutil.which("node")
    if not node:
        message = f"Node.js 20 or newer is missing; install it, then run `{INSTALL_HINT}`."
    elif _node_major(node) < 20:
        message = "The OpenID Connect test provider needs Node.js 20 or newer."
    elif not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        message = f"The OpenID Connect test provider is not installed: run `{INSTALL_HINT}`."
    else:
        return node
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _node_major(node: str) -> int:
    version = subprocess.run(  # noqa: S603 - our own fixed command
        [node, "--version"], capture_output=True, text=True, check=True
    ).stdout
    return int(version.strip().lstrip("v").split(".")[0])


@contextmanager
def running_provider(*, redirect_uris: list[str], post_logout_redirect_uris: list[str]):
    """Start `node server.js` on a free port, wait for its discovery document, stop it after."""
    node = _require_node()
    with tempfile.TemporaryDirectory(prefix="vaksam-oidc-") as workdir:
        port = _free_port()
        provider = TestProvider(
            issuer=f"http://127.0.0.1:{port}", accounts_file=Path(workdir) / "accounts.json"
        )
        provider.set_accounts({})
        env = {
            **os.environ,
            "PORT": str(port),
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_REDIRECT_URIS": ",".join(redirect_uris),
            "OIDC_POST_LOGOUT_REDIRECT_URIS": ",".join(post_logout_redirect_uris),
            "OIDC_ACCOUNTS_FILE": str(provider.accounts_file),
        }
        log_path = Path(workdir) / "provider.log"
        with log_path.open("w") as log:
            process = subprocess.Popen(  # noqa: S603 - our own fixed command
                [node, "server.js"], cwd=PROVIDER_DIR, env=env, stdout=log, stderr=log
            )
        try:
            _wait_for_discovery(provider.issuer, process, log_path)
            yield provider
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_for_discovery(issuer: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 30
    url = f"{issuer}/.well-known/openid-configuration"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the test provider exited:\n{log_path.read_text()}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the test provider did not start in 30 s:\n{log_path.read_text()}")


def use_provider(settings, provider) -> None:
    """Point Vaksam's single sign-on at the running provider, with nothing cached."""
    from django.core.cache import cache

    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_CLIENT_ID = CLIENT_ID
    settings.OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_MATCH_CLAIM = "email"
    cache.clear()
