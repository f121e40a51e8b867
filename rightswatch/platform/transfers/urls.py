from django.urls import path

from rightswatch.platform.transfers import views

app_name = "transfers"
urlpatterns = [
    path("", views.transfer_list, name="list"),
    path("<int:pk>/", views.transfer_detail, name="detail"),
    path("<int:pk>/<slug:action>/", views.transfer_answer, name="answer"),
]
