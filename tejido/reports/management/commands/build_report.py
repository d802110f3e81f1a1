"""python manage.py build_report annual --year 2023 [--four-month N | --month N | --from D --to D]
[--department CODE ...] [--program CODE] --format json|xlsx|docx|pdf|html --out FILE [--user USERNAME]"""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string

from tejido.accounts.models import Role, User
from tejido.common.errors import ApplicationError
from tejido.reports.builder import build_report
from tejido.reports.formats.docx import report_docx
from tejido.reports.formats.pdf import report_pdf
from tejido.reports.formats.xlsx import report_xlsx
from tejido.reports.period import Period


class Command(BaseCommand):
    help = "Genera un informe (memoria anual, cuatrimestral o mensual) desde los registros."

    def add_arguments(self, parser):
        parser.add_argument("report", choices=["annual", "four_monthly", "monthly"])
        parser.add_argument("--year", type=int)
        parser.add_argument("--four-month", type=int, choices=[1, 2, 3])
        parser.add_argument("--month", type=int, choices=range(1, 13))
        parser.add_argument("--from", dest="start", type=dt.date.fromisoformat)
        parser.add_argument("--to", dest="end", type=dt.date.fromisoformat)
        parser.add_argument("--department", type=int, action="append", default=[])
        parser.add_argument("--program", default="")
        parser.add_argument("--format", choices=["json", "xlsx", "docx", "pdf", "html"], default="json")
        parser.add_argument("--out", required=True)
        parser.add_argument("--user", help="Usuario cuyo alcance se aplica (por defecto, planificación o admin).")

    def handle(self, *args, **o):
        user = self._user(o["user"])
        try:
            if o["start"] or o["end"]:
                if not (o["start"] and o["end"]):
                    raise CommandError("Indique --from y --to.")
                period = Period.between(o["start"], o["end"])
            elif not o["year"]:
                raise CommandError("Indique --year o --from/--to.")
            elif o["four_month"]:
                period = Period.four_month(o["year"], o["four_month"])
            elif o["month"]:
                period = Period.month(o["year"], o["month"])
            else:
                period = Period.year(o["year"])
            report = build_report(o["report"], user=user, period=period, departments=o["department"],
                                  program=o["program"])
        except ApplicationError as error:
            raise CommandError(error.message) from None
        if o["format"] == "json":
            content = json.dumps(report, ensure_ascii=False, indent=1).encode()
        elif o["format"] == "xlsx":
            content = report_xlsx(report)
        elif o["format"] == "docx":
            content = report_docx(report)
        elif o["format"] == "pdf":
            content = report_pdf(report)
        else:
            content = render_to_string("reports/standalone.html", {"report": report}).encode()
        with open(o["out"], "wb") as out:
            out.write(content)
        self.stdout.write(f"{o['out']}: {len(report['tables'])} cuadros, {period.label}")

    def _user(self, username):
        if username:
            try:
                return User.objects.get(username=username, is_active=True)
            except User.DoesNotExist:
                raise CommandError(f"No existe el usuario activo {username}.") from None
        user = (User.objects.filter(role=Role.PLANNER, is_active=True).first()
                or User.objects.filter(is_superuser=True, is_active=True).first())
        if user is None:
            raise CommandError("No hay un usuario de planificación ni administrador; use --user.")
        return user
