"""The log says each thing once, and an expected refusal in one line."""

import io
import logging
from unittest import mock

import pytest
from django.urls import reverse
from django.utils.log import configure_logging


def test_with_debug_on_a_line_is_printed_once(settings):
    """Django's defaults give "django" a console handler of its own besides root's (runserver:
    every "Not Found" and "Watching for file changes" twice); our LOGGING takes it away."""
    settings.DEBUG = True
    stream = io.StringIO()
    with mock.patch("sys.stderr", stream):  # the handlers bind the stream they are made with
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    try:
        logging.getLogger("django.request").warning("Not Found: /favicon.ico")
        logging.getLogger("django.utils.autoreload").info("Watching for file changes")
        logging.getLogger("courses.reminders").warning("Our own line")
    finally:
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    printed = stream.getvalue().splitlines()
    assert printed.count("Not Found: /favicon.ico") == 1
    assert printed.count("Watching for file changes") == 1
    assert printed.count("Our own line") == 1


@pytest.mark.django_db
def test_a_refusal_is_logged_in_one_line_without_a_traceback(client, employee, caplog):
    client.force_login(employee.user)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("reports:overview"))
    assert response.status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Forbidden (Permission denied): /uppfoljning/"
    assert record.exc_info is None
    assert "Traceback" not in caplog.text


def test_an_error_keeps_its_traceback(caplog):
    try:
        raise RuntimeError("a real fault")
    except RuntimeError:
        with caplog.at_level(logging.ERROR, logger="django.request"):
            logging.getLogger("django.request").exception("Internal Server Error: /x/")
    assert "Traceback" in caplog.text
    assert "RuntimeError: a real fault" in caplog.text


def test_the_worker_keeps_the_levels_of_the_settings():
    """django-tasks-db's worker sets its loggers to INFO: a line per task started and
    finished, hundreds after `seed_demo`. At the default verbosity ours keeps LOGGING's."""
    from jobs.management.commands.db_worker import Command

    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    before = [logger.level for logger in loggers]
    try:
        Command().configure_logging(1)
        assert [logger.getEffectiveLevel() for logger in loggers] == [logging.WARNING] * 2
        Command().configure_logging(2)  # -v 2: every task, as the library does
        assert [logger.getEffectiveLevel() for logger in loggers] == [logging.DEBUG] * 2
    finally:
        for logger, level in zip(loggers, before, strict=True):
            logger.setLevel(level)
