from django.urls import path

from rightswatch.platform.audit import views

app_name = "audit"
urlpatterns = [path("", views.log, name="log")]
