"""Every page of the gate (tests/browser/gate.py) is valid HTML: the W3C's Nu Html Checker
(vnu.jar, from the npm package in tests/browser/html_checker, installed by `make setup`) reports
zero errors on the HTML the server sends.

The pages are fetched as their user sees them, written to a folder and checked in one run of
the checker (one JVM start for all of them).
"""

import json
import os
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from tests.browser.gate import PAGES, expect_answer

VNU_JAR = Path(__file__).parent / "html_checker/node_modules/vnu-jar/build/dist/vnu.jar"

# Two errors in Wagtail's own admin markup (Wagtail 8.0), left to Wagtail, on admin pages only:
# its listing filters put a <div> inside each <button> (wagtailadmin/shared/headers/
# _filters.html), and a row's "more" menu copies the button's type="button" onto its wrapping
# <div> (ButtonWithDropdown.base_attrs_string into wagtailadmin/shared/dropdown/dropdown.html).
WAGTAIL_ADMIN_ERRORS = {
    "Element “div” not allowed as child of element “button” in this context. "
    "(Suppressing further errors from this subtree.)",
    "Attribute “type” not allowed on element “div” at this point.",
}


def _checker() -> list[str]:
    """The command that runs the checker, or a skip (a failure under CI) when it cannot run."""
    java = shutil.which("java")
    problem = None
    if java is None:
        problem = "Java not found: install it with `apt-get install default-jre-headless`."
    elif not VNU_JAR.exists():
        problem = f"The Nu Html Checker is not installed at {VNU_JAR}: run `make setup`."
    if problem:
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)
    return [java, "-jar", str(VNU_JAR)]


def vnu_errors(folder: Path) -> list[dict]:
    """The checker's errors for every .html file in folder."""
    result = subprocess.run(  # noqa: S603 - our own command line, no shell
        [*_checker(), "--format", "json", "--errors-only", "--stdout", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # Exit status 1 means "errors found"; anything else but 0 is the checker failing.
    assert result.returncode in (0, 1), result.stderr
    return [m for m in json.loads(result.stdout)["messages"] if m["type"] != "info"]


@pytest.mark.usefixtures("gate_settings")
def test_every_page_of_the_gate_is_valid_html(page, login, tmp_path):
    _checker()  # skip before logging in thirty times when the checker cannot run
    files = {}
    current_user = None
    for number, (username, path) in enumerate(PAGES):
        if username != current_user:
            page.context.clear_cookies()
            if username:
                login(username)
            current_user = username
        response = page.request.get(path)
        expect_answer(response, username, path)
        file = tmp_path / f"page{number:02d}.html"
        file.write_text(response.text(), encoding="utf-8")
        files[file.name] = f"{path} as {username or 'anonymous'} (HTTP {response.status})"

    errors = [
        error
        for error in vnu_errors(tmp_path)
        if not (
            error["message"] in WAGTAIL_ADMIN_ERRORS
            and files[Path(error["url"]).name].startswith("/admin/")
        )
    ]

    # One line per page and message: a repeated row's error would otherwise fill the screen.
    lines = defaultdict(list)
    for error in errors:
        lines[files[Path(error["url"]).name], error["message"]].append(str(error.get("lastLine")))
    report = [
        f"{where}, line {', '.join(numbers[:5])}{' …' * (len(numbers) > 5)}: {message}"
        for (where, message), numbers in lines.items()
    ]
    assert not report, f"{len(errors)} HTML error(s):\n" + "\n".join(report)
