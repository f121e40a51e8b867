from django.urls import path

from rightswatch.platform.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.sign_in, name="login"),
    path("logout/", views.sign_out, name="logout"),
    path("two-factor/", views.two_factor, name="two_factor"),
]
