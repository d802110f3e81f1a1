"""Form fields that never send the database an id it cannot hold.

Django's ModelMultipleChoiceField asks `pk__in=[…]` with what was typed; SQLite cannot bind
2**64 (OverflowError, a 500) and no bigint column holds 10**30. Single choices are safe (Django
5 answers an out-of-range `exact` with no rows), lists are not: this field refuses them as an
invalid choice first."""

from django import forms
from django.core.exceptions import ValidationError

from tejido.common.query import InvalidQuery, parse_id


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if self.to_field_name:
                continue  # not an id: the parent checks it
            try:
                parse_id(pk)
            except InvalidQuery:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                      params={"value": pk}) from None
        return super()._check_values(value)
