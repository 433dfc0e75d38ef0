"""prod-local's one-off steps in one process (each `manage.py` start costs seconds of imports):
migrate, collectstatic, and the demo on a database that has none yet."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vaksam.settings.production")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", interactive=False, verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)

from people.models import Employee  # noqa: E402

if not Employee.objects.filter(employee_number="D0001").exists():
    print("[prod-local] seeding the demo (--allow-demo-logins)", flush=True)
    call_command("seed_demo", allow_demo_logins=True, verbosity=0)
# The scheduler is ops' `run_scheduler` (issue 13); say whether this checkout has it.
from django.core.management import get_commands  # noqa: E402

print("scheduler:", "run_scheduler" in get_commands())
