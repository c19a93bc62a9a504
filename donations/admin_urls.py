from django.urls import path

from donations import admin_views

urlpatterns = [
    path("", admin_views.pledge_list, name="list"),
    path("<int:pk>/", admin_views.pledge_detail, name="detail"),
    path("export/", admin_views.pledge_export, name="export"),
    path("summary/", admin_views.pledge_summary, name="summary"),
]
