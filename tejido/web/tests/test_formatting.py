import pytest
from django.test import Client
from django.utils import translation

from tejido.web.templatetags.tejido import num, quetzales


@pytest.mark.parametrize("value, expected", [(16407, "16,407"), (1000000, "1,000,000"), (7, "7"), (-1234, "-1,234")])
def test_guatemalan_thousands(value, expected):
    assert num(value) == expected


@pytest.mark.parametrize("value, expected", [(1234.56, "Q1,234.56"), (7030819.19, "Q7,030,819.19"), (0, "Q0.00"),
                                             ("12.345", "Q12.35")])
def test_quetzales(value, expected):
    assert quetzales(value) == expected


def test_django_localization_uses_guatemalan_separators():
    from django.utils.formats import number_format

    with translation.override("es"):
        assert number_format(16407, force_grouping=True) == "16,407"
        assert number_format(1234.5, 2, force_grouping=True) == "1,234.50"


@pytest.mark.django_db
def test_spanish_is_the_default_and_english_is_available(people):
    client = Client()
    client.force_login(people["zacapa"])
    assert 'lang="es"' in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/centros/").content.decode()
    assert 'lang="en"' in html
    assert "Centers" in html


@pytest.mark.django_db
def test_rule_messages_follow_the_users_language(people):
    from tejido.common.errors import ApplicationError
    from tejido.registry.cui import validate_cui

    with translation.override("en"):
        with pytest.raises(ApplicationError, match="check digit does not match"):
            validate_cui("1234567801901")
    with translation.override("es"), pytest.raises(ApplicationError, match="dígito verificador"):
        validate_cui("1234567801901")
