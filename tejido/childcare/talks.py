"""Themes of the talks to parents that the annual report counts apart (seed 001): table 6,
«Prevención de violencia y maltrato infantil», by department and center; table 8, «La importancia
de la alimentación y buenas prácticas de higiene», by municipality and CADI. Stored in
`programs.Event.category` of a childcare talk; a talk on any other theme keeps an empty category
and is counted in «Otras charlas»."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TalkTheme(models.TextChoices):
    VIOLENCE_PREVENTION = "prevencion_violencia", _("Prevención de violencia y maltrato infantil")
    NUTRITION = "alimentacion", _("Alimentación y buenas prácticas de higiene en la preparación de alimentos")
