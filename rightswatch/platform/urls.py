from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from rightswatch.platform.api.api import api

admin.site.site_header = "RightsWatch"

urlpatterns = [
    path("", include("rightswatch.platform.core.urls")),
    path("accounts/", include("rightswatch.platform.accounts.urls")),
    path("clues/", include("rightswatch.platform.clues.urls")),
    path("transfers/", include("rightswatch.platform.transfers.urls")),
    path("suggestions/", include("rightswatch.platform.suggestions.urls")),
    path("consultations/", include("rightswatch.platform.consultations.urls")),
    path("linkage/", include("rightswatch.platform.linkage.urls")),
    path("audit/", include("rightswatch.platform.audit.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
