from django.apps import AppConfig


class ChildcareConfig(AppConfig):
    name = "tejido.childcare"
    label = "childcare"
    verbose_name = "Hogares Comunitarios y CADI"

    def ready(self):
        from tejido.programs.services import LEVEL_RULES

        from .rules import PROGRAM, level_on

        LEVEL_RULES[PROGRAM] = lambda person, day: level_on(person.birth_date, day)
