from django.urls import path

from rightswatch.platform.clues import views

app_name = "clues"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.submit_view, name="submit"),
    path("upload/", views.upload_view, name="upload"),
    path("export.csv", views.export, name="export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/assign/", views.assign_me, name="assign"),
    path("<int:pk>/transfer/", views.transfer, name="transfer"),
    path("<int:pk>/reidentify/", views.reidentify, name="reidentify"),
    path("<int:pk>/do/<slug:name>/", views.transition, name="transition"),
]
