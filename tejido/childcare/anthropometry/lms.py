"""The LMS arithmetic of the WHO growth standards and references, and the rounding WHO uses.

Reference: WHO Multicentre Growth Reference Study Group (2006), WHO Child Growth Standards:
Methods and development, chapter 7 ("restricted application of the LMS method").
"""

import math
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Lms:
    """Box-Cox power (L), median (M) and coefficient of variation (S) at one table point."""

    l: float  # noqa: E741 - the standard's own name
    m: float
    s: float

    def interpolate(self, other: "Lms", fraction: float) -> "Lms":
        """Linear interpolation of each parameter, as the WHO macros do between table rows."""
        return Lms(
            self.l + fraction * (other.l - self.l),
            self.m + fraction * (other.m - self.m),
            self.s + fraction * (other.s - self.s),
        )

    def value_at(self, z: float) -> float:
        """The measurement that lies exactly at z (WHO's SD lines: value_at(-2) is -2 SD)."""
        if self.l == 0:
            return self.m * math.exp(self.s * z)
        return self.m * (1 + self.l * self.s * z) ** (1 / self.l)


def z_lms(y: float, lms: Lms) -> float:
    """Plain LMS z-score: ((y/M)^L - 1) / (L*S); ln(y/M)/S when L is 0."""
    if lms.l == 0:
        return math.log(y / lms.m) / lms.s
    return ((y / lms.m) ** lms.l - 1) / (lms.l * lms.s)


def z_lms_restricted(y: float, lms: Lms) -> float:
    """WHO's restricted application of the LMS method, used for weight-based indicators.

    Inside [-3, 3] it is the plain LMS z. Beyond, the distance between the 2 and 3 SD lines
    is taken as one unit and extended linearly, so a very heavy or very light child gets a
    z that grows with the measurement at the pace of the SD2-SD3 gap instead of the skewed
    Box-Cox tail:
        z > 3:  3 + (y - SD3pos) / (SD3pos - SD2pos)
        z < -3: -3 + (y - SD3neg) / (SD2neg - SD3neg)
    """
    z = z_lms(y, lms)
    if z > 3:
        sd3pos = lms.value_at(3)
        return 3 + (y - sd3pos) / (sd3pos - lms.value_at(2))
    if z < -3:
        sd3neg = lms.value_at(-3)
        return -3 + (y - sd3neg) / (lms.value_at(-2) - sd3neg)
    return z


def round_z(z: float | None) -> float | None:
    """A z-score to 2 decimals, the way WHO's software writes it.

    WHO's anthro and anthroplus R packages round every z-score with R's round(z, 2) before
    they flag or count it. R (4.0 and later) rounds the float's exact binary value to the
    nearest, ties to even; Python's round() does the same, so 2.675 (stored as
    2.67499999...) gives 2.67 in both. The engine rounds the same way for flags and classes
    and keeps the unrounded value otherwise.
    """
    if z is None:
        return None
    return round(z, 2) + 0.0  # + 0.0 turns -0.0 into 0.0
