import pytest

from tejido.common.errors import ApplicationError
from tejido.registry.cui import cui_check_digit, make_cui, validate_cui

pytestmark = pytest.mark.django_db


def test_check_digit_is_mod_11_of_serial_weighted_2_to_9():
    # 1*2 + 2*3 + 3*4 + 4*5 + 5*6 + 6*7 + 7*8 + 8*9 = 240; 240 % 11 = 9
    assert cui_check_digit("12345678") == 9


def test_valid_cui_with_spaces_is_normalised(territory):
    assert validate_cui("1234 56789 1901") == "1234567891901"


@pytest.mark.parametrize("raw, message", [
    ("123456789190", "exactamente 13 dígitos"),
    ("12345678919012", "exactamente 13 dígitos"),
    ("12345678A1901", "exactamente 13 dígitos"),
    ("1234567801901", "dígito verificador"),
    ("1234567892301", "departamento 23 no existe"),
    ("1234567890001", "departamento 00 no existe"),
    ("1234567891912", "municipio 12 no existe en el departamento 19"),
])
def test_invalid_cui_says_why_in_spanish(territory, raw, message):
    with pytest.raises(ApplicationError) as error:
        validate_cui(raw)
    assert message in error.value.message
    assert error.value.field == "cui"


def test_make_cui_builds_valid_codes_and_skips_serials_without_a_digit(territory):
    cui = make_cui(25464789, 101)
    if cui is not None:
        assert validate_cui(cui) == cui
    # find a serial whose modulo is 10: it has no CUI
    serial = next(s for s in range(10_000_000, 10_000_200) if cui_check_digit(f"{s:08d}") == 10)
    assert make_cui(serial, 101) is None
