"""Issue 16 item 11: Spanish that agrees with its numbers («1 mujeres» was seen from outside)."""

import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

TEMPLATES = Path(__file__).resolve().parents[2]
# a figure followed by a plural noun that does not change with the number
FIXED_PLURAL = re.compile(r'\|num \}\}</span>\{% translate "[^"]*s" %\}')
COUNTED = re.compile(r'\{% blocktranslate with [^%]*\|num[^%]*%\}\{\{ \w+ \}\} [a-záéíóúñ]+s\b')


def test_no_template_puts_a_fixed_plural_after_a_number():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(TEMPLATES)}: {m.group(0)}" for m in FIXED_PLURAL.finditer(text)]
        offenders += [f"{path.relative_to(TEMPLATES)}: {m.group(0)}" for m in COUNTED.finditer(text)]
    assert offenders == []


def test_one_woman_is_singular():
    page = Template('{% load i18n %}{% blocktranslate count n=k %}Además participó {{ n }} mujer sin registro.'
                    '{% plural %}Además participaron {{ n }} mujeres sin registro.{% endblocktranslate %}')
    with translation.override("es"):
        assert page.render(Context({"k": 1})) == "Además participó 1 mujer sin registro."
        assert page.render(Context({"k": 3})) == "Además participaron 3 mujeres sin registro."
