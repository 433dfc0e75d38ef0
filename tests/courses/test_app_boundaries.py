"""Courses sits below the apps built on it (DESIGN.md, "Architecture"): it imports none of them.

It tells them what happened and asks them through hooks (`course_requirements`,
`course_page_context`, `course_completed`). Compliance still lives in courses for now; the
top-level `compliance` app it moves to is forbidden already.
"""

import ast
from pathlib import Path

import courses

FORBIDDEN = {"sessions", "compliance"}


def imports_of_higher_apps(folder: Path) -> list[str]:
    """Every import of a forbidden app under `folder`, as "path:line module"."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            found += [
                f"{path.relative_to(folder.parent)}:{node.lineno} {module}"
                for module in modules
                if module.split(".")[0] in FORBIDDEN
            ]
    return found


def test_courses_imports_neither_sessions_nor_compliance():
    assert imports_of_higher_apps(Path(courses.__file__).parent) == []


def test_the_check_finds_a_planted_import(tmp_path):
    # The same check on a copy of a courses module with one import added, at the top and
    # inside a function (the way a "lazy" import would hide), must report both.
    folder = tmp_path / "courses"
    (folder / "models").mkdir(parents=True)
    (folder / "models" / "pages.py").write_text(
        "from courses.progress import course_overview\n"
        "import sessions.models\n"
        "def context():\n"
        "    from compliance.status import recompute\n",
        encoding="utf-8",
    )
    assert imports_of_higher_apps(folder) == [
        "courses/models/pages.py:2 sessions.models",
        "courses/models/pages.py:4 compliance.status",
    ]
