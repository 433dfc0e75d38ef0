from django.urls import path

from privacy.views import extract

urlpatterns = [
    path("mina-uppgifter/", extract.my_data, name="my_data"),
    path("mina-uppgifter/utdrag/", extract.my_data_download, name="my_data_download"),
]
