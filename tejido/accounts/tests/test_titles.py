"""Issue 16 item 11: a role's title as the user holds it, not always in the masculine."""

import pytest

from tejido.accounts.models import Role, TitleForm, User


@pytest.mark.parametrize("role, form, title", [
    (Role.DEPARTMENT_OFFICER, TitleForm.FEMININE, "Delegada departamental"),
    (Role.DEPARTMENT_OFFICER, TitleForm.MASCULINE, "Delegado departamental"),
    (Role.DEPARTMENT_OFFICER, TitleForm.BOTH, "Delegada o delegado departamental"),
    (Role.CENTER_CLERK, TitleForm.FEMININE, "Digitadora de centro"),
    (Role.CENTER_CLERK, TitleForm.BOTH, "Digitadora o digitador de centro"),
    (Role.PROTECTION_OFFICER, TitleForm.MASCULINE, "Encargado de protección infantil"),
    (Role.PLANNER, TitleForm.FEMININE, "Planificación y finanzas"),  # the same for everyone
])
def test_role_title_follows_the_form_chosen(role, form, title):
    assert User(role=role, title_form=form).role_label == title


@pytest.mark.django_db
def test_demo_accounts_read_as_their_holders(territory):
    from tejido.demo.loader import ensure_accounts

    titles = dict(ensure_accounts())
    assert titles["delegada.zacapa"] == "Delegada departamental"
    assert titles["delegado.jutiapa"] == "Delegado departamental"
    assert titles["digitadora.cadi"] == "Digitadora de centro"
