from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """A strong password mixes letters and digits or symbols."""

    def validate(self, password, user=None):
        has_letter = any(c.isalpha() for c in password)
        has_other = any(not c.isalpha() for c in password)
        if not (has_letter and has_other):
            raise ValidationError(
                _("La contraseña debe combinar letras con números o símbolos."), code="password_classes"
            )

    def get_help_text(self):
        return _("Su contraseña debe combinar letras con números o símbolos.")
