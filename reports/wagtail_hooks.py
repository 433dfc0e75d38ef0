from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    actions.register_action(
        "reports.view", _("Se personuppgifter i uppföljningen"), _("Uppföljning med namn visad")
    )
    actions.register_action(
        "reports.export", _("Exportera uppföljning"), _("Uppföljning exporterad")
    )
    actions.register_action(
        "reports.report", _("Ta fram uppföljningsrapport"), _("Uppföljningsrapport framtagen")
    )
