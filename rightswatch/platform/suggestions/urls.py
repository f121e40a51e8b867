from django.urls import path

from rightswatch.platform.suggestions import views

app_name = "suggestions"
urlpatterns = [
    path("", views.suggestion_list, name="list"),
    path("new/<int:clue_pk>/", views.suggestion_create, name="create"),
    path("<int:pk>/", views.suggestion_detail, name="detail"),
    path("<int:pk>/<slug:step>/", views.suggestion_step, name="step"),
]
