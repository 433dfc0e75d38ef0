from django.urls import path

from courses import views

urlpatterns = [
    path("mina-kurser/", views.MyCoursesView.as_view(), name="my_courses"),
    path("kurstillfallen/", views.SessionListView.as_view(), name="sessions"),
    path("kurstillfallen/<int:pk>/boka/", views.book_session, name="session_book"),
    path("kurstillfallen/<int:pk>/avboka/", views.cancel_booking, name="session_cancel"),
    path("kurstillfallen/<int:pk>/kalender.ics", views.session_calendar, name="session_calendar"),
]
