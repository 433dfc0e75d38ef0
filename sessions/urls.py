from django.urls import path

from sessions import views

urlpatterns = [
    path("kurstillfallen/", views.SessionListView.as_view(), name="sessions"),
    path("kurstillfallen/<int:pk>/boka/", views.book_session, name="session_book"),
    path("kurstillfallen/<int:pk>/avboka/", views.cancel_booking, name="session_cancel"),
    path("kurstillfallen/<int:pk>/kalender.ics", views.session_calendar, name="session_calendar"),
]
