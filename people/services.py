"""What every path that changes employees shares: the personnel import, the admin form, SCIM."""

from collections.abc import Iterable

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from wagtail import hooks

# People sign in through the organisation; accounts made by the import or by provisioning have
# no usable password until an invitation or a password reset gives them one.
UNUSABLE_PASSWORD = UNUSABLE_PASSWORD_PREFIX + "imported"


def employees_changed(*, employee_ids: Iterable[int]) -> None:
    """Tell the apps built on people (compliance, …) which employees changed, in this transaction.

    Every path that creates, moves, re-roles or deactivates employees calls this once with all
    of them, so assignment rules and compliance statuses are recomputed the same way.
    """
    employee_ids = set(employee_ids)
    for on_changed in hooks.get_hooks("employees_changed"):
        on_changed(employee_ids=employee_ids)


def remove_account(user) -> None:
    """Delete a login account. Apps first remove what they keep for it outside the database
    (the files someone had built, say) through the `before_account_removed` hook; the rest
    (SSO links, second-factor devices, Wagtail's profile) goes by cascade. Log entries keep the
    account's id, which Wagtail shows as a removed user."""
    for before_removed in hooks.get_hooks("before_account_removed"):
        before_removed(user=user)
    user.delete()
