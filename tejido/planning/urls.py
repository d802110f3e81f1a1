from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="planning_index"),
    path("<int:year>/", views.plan_detail, name="planning_plan"),
    path("<int:year>/presupuesto/", views.budget, name="planning_budget"),
    path("productos/<int:pk>/", views.output_edit, name="planning_output_edit"),
]
