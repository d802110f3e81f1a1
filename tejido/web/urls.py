from django.contrib.auth import views as auth_views
from django.urls import path

from .views import account, centers, exports, history, home, households, people, territory

urlpatterns = [
    path("", home.home, name="home"),
    path("cuenta/ingresar/", auth_views.LoginView.as_view(template_name="accounts/login.html",
                                                          redirect_authenticated_user=True), name="login"),
    path("cuenta/salir/", auth_views.LogoutView.as_view(), name="logout"),
    path("cuenta/verificacion/", account.two_factor, name="two_factor"),
    path("cuenta/tokens/", account.api_tokens, name="api_tokens"),
    path("cuenta/tokens/<int:pk>/revocar/", account.api_token_revoke, name="api_token_revoke"),
    path("personas/", people.person_list_view, name="person_list"),
    path("personas/exportar.csv", people.person_export, name="person_export"),
    path("personas/nueva/", people.person_create_view, name="person_create"),
    path("personas/<int:pk>/", people.person_detail_view, name="person_detail"),
    path("personas/<int:pk>/modificar/", people.person_edit_view, name="person_edit"),
    path("personas/<int:pk>/eliminar/", people.person_delete_view, name="person_delete"),
    path("hogares/", households.household_list_view, name="household_list"),
    path("hogares/nuevo/", households.household_create_view, name="household_create"),
    path("hogares/<int:pk>/", households.household_detail_view, name="household_detail"),
    path("hogares/<int:pk>/modificar/", households.household_edit_view, name="household_edit"),
    path("hogares/<int:pk>/miembros/<int:member_pk>/quitar/", households.household_member_remove_view,
         name="household_member_remove"),
    path("centros/", centers.center_list_view, name="center_list"),
    path("centros/exportar.csv", centers.center_export, name="center_export"),
    path("centros/nuevo/", centers.center_create_view, name="center_create"),
    path("centros/<int:pk>/", centers.center_detail_view, name="center_detail"),
    path("centros/<int:pk>/modificar/", centers.center_edit_view, name="center_edit"),
    path("historial/<slug:kind>/<int:pk>/", history.history_view, name="history"),
    path("territorio/", territory.territory_view, name="territory"),
    path("territorio/departamentos/<int:pk>/", territory.department_view, name="department"),
    path("territorio/municipios/<int:pk>/", territory.municipality_view, name="municipality"),
    path("territorio/lugares/opciones/", territory.place_options, name="place_options"),
    path("exportar/<slug:slug>.<slug:fmt>", exports.export_view, name="export"),
    path("exportar/<slug:slug>/<int:pk>.<slug:fmt>", exports.export_view, name="export_item"),
    path("exportar/<slug:slug>/<int:pk>/<slug:code>.<slug:fmt>", exports.export_view, name="export_item_code"),
]
