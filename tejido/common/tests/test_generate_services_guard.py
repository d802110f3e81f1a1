import pytest
from django.core.management import CommandError, call_command

from tejido.programs.models import Enrolment

pytestmark = pytest.mark.django_db


def test_generate_services_refuses_any_database_that_is_not_a_bench_one(territory):
    with pytest.raises(CommandError, match="bench"):
        call_command("generate_services", "--year", "2023")
    assert not Enrolment.objects.exists()
