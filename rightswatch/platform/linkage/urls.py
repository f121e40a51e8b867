from django.urls import path

from rightswatch.platform.linkage import views

app_name = "linkage"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("pairs/<str:pair_id>/decide/", views.decide, name="decide"),
    path("person/", views.person, name="person"),
    path("person/split/", views.split, name="split"),
]
