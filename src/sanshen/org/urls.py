from django.urls import path

from . import grant_views, views

app_name = "org"

urlpatterns = [
    path("departments/", views.DepartmentList.as_view(), name="departments"),
    path("departments/new/", views.DepartmentCreate.as_view(), name="department_create"),
    path("departments/<int:pk>/", views.DepartmentEdit.as_view(), name="department_edit"),
    path("people/", views.PersonList.as_view(), name="people"),
    path("people/new/", views.PersonCreate.as_view(), name="person_create"),
    path("people/<int:pk>/", views.PersonEdit.as_view(), name="person_edit"),
    path("people/<int:pk>/active/", views.person_set_active, name="person_set_active"),
    path("pledges/", views.PledgeList.as_view(), name="pledges"),
    path("grants/", grant_views.grants, name="grants"),
    path("grants/requests/new/", grant_views.request_create, name="grant_request_create"),
    path("grants/requests/<int:pk>/approve/", grant_views.request_approve, name="grant_request_approve"),
    path("grants/requests/<int:pk>/decline/", grant_views.request_decline, name="grant_request_decline"),
    path("worktime/", views.WorkingPolicyEdit.as_view(), name="worktime"),
    path("worktime/days/new/", views.CalendarDayCreate.as_view(), name="calendar_day_create"),
]
