from django.urls import path

from courses import views

urlpatterns = [
    path("mina-kurser/", views.MyCoursesView.as_view(), name="my_courses"),
]
