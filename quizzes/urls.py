from django.urls import path

from quizzes import views

app_name = "quizzes"

urlpatterns = [
    path("moduler/<int:module_id>/kunskapstest/", views.start, name="start"),
    path("kunskapstest/<uuid:public_id>/", views.take, name="take"),
    path("kunskapstest/<uuid:public_id>/resultat/", views.result, name="result"),
]
