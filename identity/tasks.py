"""Background work for sign-in: mails whose sending must not show in the response time."""

from django.contrib.auth import get_user_model
from django_tasks import task

from identity.forms import EmployeePasswordResetForm
from identity.invitations import invite
from people.models import Employee


@task()
def send_password_reset(email: str) -> None:
    """Send a reset link to the address if an active employee has it; otherwise nothing.

    Run by the worker, so the page answers in the same time whether the address exists or not.
    """
    form = EmployeePasswordResetForm({"email": email})
    if form.is_valid():
        form.send_all()


@task()
def send_invitations(employee_ids: list[int], invited_by_id: int) -> None:
    """Invite the employees chosen in the admin; who may be invited is checked again here."""
    invited_by = get_user_model().objects.get(pk=invited_by_id)
    invite(employees=Employee.objects.filter(pk__in=employee_ids), invited_by=invited_by)
