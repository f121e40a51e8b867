from django.urls import path

from rightswatch.platform.consultations import views

app_name = "consultations"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("new/", views.consultation_create, name="create"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/items/", views.action_item_add, name="item_add"),
    path("<int:pk>/items/<int:item_pk>/done/", views.action_item_done, name="item_done"),
]
