"""The employee's pages for sessions: the list, booking and cancelling, the calendar file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from people.access import employee_or_403
from sessions import booking
from sessions.models import Booking, CourseSession


class SessionListView(LoginRequiredMixin, TemplateView):
    """Kurstillfällen: upcoming sessions of the employee's courses, with their own bookings."""

    template_name = "sessions/session_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        employee = getattr(self.request.user, "employee", None)
        sessions = (
            CourseSession.objects.upcoming()
            .filter(course__live=True)
            .select_related("course")
            .with_counts()
        )
        bookings = {}
        if employee is not None:
            bookings = {
                booking.session_id: booking
                for booking in Booking.objects.filter(
                    employee=employee, session__in=sessions
                ).exclude(status=Booking.Status.CANCELLED)
            }
        context["employee"] = employee
        context["sessions"] = [
            {
                "session": session,
                "booking": bookings.get(session.pk),
                "seats_left": max(session.capacity - session.booked_count, 0),
                "open": session.is_open_for_booking(),
            }
            for session in sessions
        ]
        return context


@require_POST
@login_required
def book_session(request, pk: int):
    session = get_object_or_404(CourseSession, pk=pk)
    try:
        result = booking.book(employee=employee_or_403(request), session=session)
    except booking.BookingError as error:
        messages.error(request, str(error))
    else:
        if result.status == Booking.Status.CONFIRMED:
            messages.success(
                request, _("Du är bokad. En bekräftelse har skickats till din e-post.")
            )
        else:
            messages.info(
                request,
                _("Kurstillfället är fullt. Du står på väntelistan och får besked via e-post."),
            )
    return redirect("sessions")


@require_POST
@login_required
def cancel_booking(request, pk: int):
    own = get_object_or_404(
        Booking.objects.exclude(status=Booking.Status.CANCELLED),
        session_id=pk,
        employee=employee_or_403(request),
    )
    try:
        booking.cancel(booking=own)
    except booking.BookingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Din bokning är avbokad."))
    return redirect("sessions")


@login_required
def session_calendar(request, pk: int):
    session = get_object_or_404(CourseSession.objects.select_related("course"), pk=pk)
    has_seat = Booking.objects.filter(
        session=session,
        employee__user=request.user,
        status=Booking.Status.CONFIRMED,
    ).exists()
    response = HttpResponse(
        booking.calendar_file(session, with_meeting_link=has_seat), content_type="text/calendar"
    )
    response["Content-Disposition"] = f'attachment; filename="kurstillfalle-{session.pk}.ics"'
    return response
