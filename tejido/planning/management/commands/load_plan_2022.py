"""Load seed 004's 2022 plan: outputs, targets, current budget per activity, indicators bound."""

from django.core.management.base import BaseCommand, CommandError

from tejido.accounts.models import Role, User
from tejido.planning.seed2022 import load_plan


class Command(BaseCommand):
    help = "Carga el plan 2022 (seed 004): productos, subproductos, metas, presupuesto vigente e indicadores."

    def add_arguments(self, parser):
        parser.add_argument("--usuario", default="",
                            help="Usuario que registra el plan (administrador o planificador).")

    def handle(self, *args, usuario="", **options):
        users = User.objects.filter(is_active=True)
        user = (users.filter(username=usuario).first() if usuario
                else users.filter(is_superuser=True).first() or users.filter(role=Role.ADMIN).first())
        if user is None:
            raise CommandError("No hay un usuario administrador; indique --usuario.")
        plan = load_plan(year=2022, acting_user=user)
        if plan is None:
            self.stdout.write("El plan 2022 ya estaba cargado.")
            return
        outputs = sum(a.outputs.count() for a in plan.activities.all())
        self.stdout.write(self.style.SUCCESS(f"Plan 2022 cargado: {plan.activities.count()} actividades, "
                                             f"{outputs} productos y subproductos."))
