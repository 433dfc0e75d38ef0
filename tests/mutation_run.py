"""Run mutmut 3 over one group of core modules at a time (`make mutation GROUPS="compliance …"`).

Each group names the files it mutates, the functions (as mutmut names them:
`sessions.booking.x_book`, `certificates.models.xǁCertificateǁstatus`) and the test files that
guard them. A group gets a run of its own, in a fresh `mutants/` (results kept from an earlier
run would not see the tests added since), with the group's tests only: mutmut runs, for each
mutant, the tests it saw call that function, and a wider selection costs seconds per mutant.

The results are kept in var/mutation/<group>.json; tests/mutation_report.py prints them.
"""

import json
import os
import shutil
import sys
from dataclasses import replace
from pathlib import Path

# Run as a script (tests/ first on the path): importing the `tests` package here would make
# pytest, in mutants/, find this checkout's tests instead of the copies.
from mutation_report import results

# name: (files to mutate, functions to run, test files). Functions not named are not run:
# __str__ and URLs of models, say, hold no rule a municipality relies on.
GROUPS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "compliance": (
        ["courses/compliance.py", "courses/dates.py", "courses/models/assignments.py"],
        ["courses.compliance.*", "courses.dates.*", "courses.models.assignments.*"],
        ["tests/courses/test_compliance.py", "tests/courses/test_boundary_days.py"],
    ),
    "booking": (
        ["sessions/booking.py", "sessions/models.py"],
        [
            "sessions.booking.*",
            "sessions.models.xǁCourseSessionǁis_open_for_booking*",
            "sessions.models.xǁCourseSessionǁdefault_deadline*",
        ],
        [
            "tests/sessions/test_sessions.py",
            "tests/sessions/test_booking_mail.py",
            "tests/sessions/test_last_seat.py",
            "tests/sessions/test_attendance.py",
            "tests/courses/test_boundary_days.py",
        ],
    ),
    "quiz": (
        ["quizzes/grading.py", "quizzes/services.py"],
        ["quizzes.grading.*", "quizzes.services.*"],
        [
            "tests/quizzes/test_grading.py",
            "tests/quizzes/test_grade_once.py",
            "tests/quizzes/test_taking.py",
            "tests/quizzes/test_completion.py",
        ],
    ),
    "completion": (
        ["courses/services.py", "courses/models/records.py", "sessions/requirements.py"],
        [
            "courses.services.*",
            "sessions.requirements.*",
            "courses.models.records.xǁModuleProgressǁrecord_open*",
            "courses.models.records.xǁModuleCompletionQuerySetǁ*",
            "courses.models.records.xǁCourseCompletionQuerySetǁ*",
            "courses.models.records.xǁCourseCompletionǁis_valid*",
        ],
        [
            "tests/quizzes/test_completion.py",
            "tests/courses/test_progress.py",
            "tests/sessions/test_attendance.py",
            "tests/courses/test_boundary_days.py",
        ],
    ),
    "reminders": (
        ["courses/reminders.py"],
        ["courses.reminders.*"],
        ["tests/courses/test_reminders.py", "tests/courses/test_boundary_days.py"],
    ),
    "import": (
        ["people/importing.py"],
        ["people.importing.*"],
        ["tests/people/test_import.py"],
    ),
    "scim": (
        ["identity/scim/storage.py"],
        ["identity.scim.storage.*"],
        ["tests/identity/test_scim.py"],
    ),
    "certificates": (
        ["certificates/models.py", "certificates/services.py"],
        [
            "certificates.models.xǁCertificateQuerySetǁ*",
            "certificates.models.xǁCertificateǁstatus*",
            "certificates.services.*",
        ],
        [
            "tests/certificates/test_expiry_boundaries.py",
            "tests/certificates/test_issuing.py",
            "tests/certificates/test_verification.py",
        ],
    ),
    "scope": (
        ["reports/scope.py", "reports/queries.py"],
        ["reports.scope.*", "reports.queries.x_in_scope*", "reports.queries.x_tallies_in_scope*"],
        ["tests/reports/test_scope.py"],
    ),
    "exports": (
        ["reports/exports.py"],
        ["reports.exports.*"],
        ["tests/reports/test_exports.py"],
    ),
    "anonymity": (
        ["reports/queries.py", "quizzes/analytics.py"],
        [
            "reports.queries.x_anonymous_period*",
            "reports.queries.x__period*",
            "quizzes.analytics.*",
        ],
        ["tests/reports/test_anonymity.py", "tests/quizzes/test_analytics.py"],
    ),
    "signin": (
        ["identity/oidc.py"],
        [
            "identity.oidc.x_find_employee_account*",
            "identity.oidc.x__match_condition*",
            "identity.oidc.x__is_active_employee*",
            "identity.oidc.xǁEmployeeOIDCBackendǁget_or_create_user*",
        ],
        ["tests/identity/test_oidc.py"],
    ),
    "retention": (
        ["privacy/retention.py", "privacy/leavers.py"],
        ["privacy.retention.*", "privacy.leavers.*"],
        ["tests/privacy/test_retention.py", "tests/privacy/test_leavers.py"],
    ),
}

RESULTS = Path("var/mutation")


def configure(name: str) -> None:
    """mutmut's configuration for the group: its files and its tests."""
    import mutmut.configuration

    files, _, tests = GROUPS[name]
    mutmut.configuration.reset_config()
    mutmut.configuration._config = replace(
        mutmut.configuration.config(),
        only_mutate=files,
        pytest_add_cli_args_test_selection=tests,
    )


def survivors(found: dict[str, str]) -> str:
    """Each survivor's change (as `mutmut show` prints it); the group must be configured."""
    from mutmut.mutation.diff_apply import find_mutant, get_diff_for_mutant

    shown = []
    for mutant, status in sorted(found.items()):
        if status == "survived":
            path = find_mutant(mutant).path
            shown.append(f"{mutant}\n{get_diff_for_mutant(mutant, path=path)}")
    return "\n".join(shown)


def run_group(name: str) -> None:
    from mutmut.__main__ import _run

    shutil.rmtree("mutants", ignore_errors=True)
    configure(name)
    # One child at a time: the machine is shared, and the children all use one database file.
    _run(GROUPS[name][1], max_children=1)
    found = results(Path("mutants"))
    (RESULTS / f"{name}.json").write_text(json.dumps(found, indent=1, sort_keys=True))
    # The survivors' changes, kept: the next group's run replaces mutants/.
    (RESULTS / f"{name}.survivors.txt").write_text(survivors(found))


def main() -> int:
    names = sys.argv[1:] or list(GROUPS)
    unknown = [name for name in names if name not in GROUPS]
    if unknown:
        print(f"Unknown group(s): {' '.join(unknown)}. Groups: {' '.join(GROUPS)}")
        return 2
    RESULTS.mkdir(parents=True, exist_ok=True)
    for name in names:
        print(f"== mutation group {name}", flush=True)
        pid = os.fork()
        if pid == 0:  # each group in a fresh process: mutmut keeps its state in globals
            try:
                run_group(name)
            except SystemExit as stop:
                os._exit(stop.code if isinstance(stop.code, int) else 1)
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            print(f"mutmut failed for group {name}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
