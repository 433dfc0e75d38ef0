"""The scheduled jobs: what runs and when (site time, Europe/Stockholm). Read by `run_scheduler`
and `run_job` through the SCHEDULE setting; each job runs once per period however many
schedulers there are (see jobs.runner). The functions are in `vaksam.jobs`.
"""

from datetime import time

from django.utils.translation import gettext_lazy as _

from jobs.schedule import Daily, Every, Job

JOBS = [
    Job(
        "send_reminders",
        "vaksam.jobs.send_reminders",
        Daily(at=time(6, 0)),
        _(
            "Uppdaterar datumberoende status (försenad, går ut snart) och skickar påminnelser "
            "till medarbetare och veckosammanfattningen till chefer."
        ),
    ),
    Job(
        "apply_retention",
        "vaksam.jobs.apply_retention",
        Daily(at=time(2, 30)),
        _("Gallrar enligt gallringsplanen och pseudonymiserar personer som slutat."),
    ),
    Job(
        "prune_task_results",
        "vaksam.jobs.prune_task_results",
        Daily(at=time(3, 30)),
        _(
            "Tar bort avslutade bakgrundsuppgifter, gamla jobbkörningar och "
            "arbetsprocesser som inte längre finns."
        ),
    ),
    Job(
        "publish_scheduled",
        "vaksam.jobs.publish_scheduled",
        Every(minutes=5),
        _("Publicerar och avpublicerar sidor som har schemalagts i CMS:et."),
    ),
    Job(
        "prune_files",
        "vaksam.jobs.prune_files",
        Every(minutes=60),
        _("Tar bort skapade filer (intygs-ZIP, rapportpaket) som har passerat sin sparandetid."),
    ),
]
