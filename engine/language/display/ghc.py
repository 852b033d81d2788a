"""GHC's `show` for numbers and strings, digit for digit: `floatToDigits`, `roundTo` and
`formatRealFloat` from GHC.Float, so `showGFloat (Just 4)` (inside tensors) and `show` of Double and Float
agree with GHCi, rounding ties and the 0.1 / 10^7 boundaries included."""
from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

# (mantissa bits, floatRange's minimum exponent) of Double and Float
DOUBLE = (53, -1021)
FLOAT = (24, -125)


def float_to_digits(x: float, kind: tuple[int, int] = DOUBLE) -> tuple[list[int], int]:
    """GHC's `floatToDigits 10 x` for a finite x >= 0: digits d1.. and e with x = 0.d1d2.. * 10^e.

    The shortest digits that read back as x, found as GHC does (Burger and Dybvig with exclusive
    bounds, ties on the last digit rounded up); this differs from Python's repr in rare cases
    (`1e23` shows as `9.999999999999999e22` in GHC)."""
    if x == 0:
        return [0], 0
    precision, min_exp0 = kind
    mantissa, exponent = math.frexp(x)
    f, e = int(mantissa * (1 << precision)), exponent - precision
    min_exp = min_exp0 - precision
    if min_exp - e > 0:  # denormal: GHC gives it an impossibly low exponent, then adjusts back
        f, e = f >> (min_exp - e), min_exp
    hidden = 1 << (precision - 1)
    if e >= 0:
        be = 1 << e
        r, s, m_up, m_dn = (f * be * 4, 4, be * 2, be) if f == hidden else (f * be * 2, 2, be, be)
    elif e > min_exp and f == hidden:
        r, s, m_up, m_dn = f * 4, (1 << (1 - e)) * 2, 2, 1
    else:
        r, s, m_up, m_dn = f * 2, (1 << -e) * 2, 1, 1
    k = math.floor(math.log10(x)) - 1  # a lower bound; the fixup below finds the exact k
    while (r + m_up > 10**k * s) if k >= 0 else (10 ** (-k) * (r + m_up) > s):
        k += 1
    if k >= 0:
        s *= 10**k
    else:
        scale = 10 ** (-k)
        r, m_up, m_dn = r * scale, m_up * scale, m_dn * scale
    digits = []
    while True:
        digit, r = divmod(r * 10, s)
        m_up *= 10
        m_dn *= 10
        low, high = r < m_dn, r + m_up > s
        if low and not high:
            digits.append(digit)
        elif high and not low:
            digits.append(digit + 1)
        elif low and high:
            digits.append(digit if r * 2 < s else digit + 1)
        else:
            digits.append(digit)
            continue
        return digits, k


def _repr_digits(x: float) -> tuple[list[int], int]:
    """Digits and exponent of Python's repr of x (David Gay's shortest digits)."""
    mantissa, _, exponent = repr(x).partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = (whole + frac).lstrip("0")
    point = len(whole) + (int(exponent) if exponent else 0) - (len(whole + frac) - len(digits))
    digits = digits.rstrip("0")
    if not digits:
        return [0], 0
    return [ord(c) - 48 for c in digits], point


def _repr_is_ghcs(x: float, digits: list[int]) -> bool:
    """Python's repr digits provably equal GHC's: a tie on the last digit needs 16 or more digits and
    an excluded boundary needs |x| >= 2^53 or 17 digits, so up to 15 digits below 2^53 they agree."""
    return len(digits) <= 15 and x < 9007199254740992.0


def double_digits(x: float) -> tuple[list[int], int]:
    """`floatToDigits 10 x` for a finite Double x >= 0."""
    digits, e = _repr_digits(x)
    if _repr_is_ghcs(x, digits):
        return digits, e
    return float_to_digits(x, DOUBLE)


def _rounding_is_safe(x: float, unit: float) -> bool:
    """True when no rounding midpoint (k + 1/2) * unit lies within a few ulps of x. Python's and GHC's
    shortest digits both lie within one ulp of x, so they then round to the same `showGFloat` text.
    The float arithmetic here errs by under 1e-4 units for the magnitudes involved (x / unit < 1e12)."""
    scaled = x / unit
    return abs(scaled - math.floor(scaled) - 0.5) > 1e-4


def round_to(count: int, digits: Sequence[int]) -> tuple[int, list[int]]:
    """GHC's `roundTo 10 count digits`: keep `count` digits, rounding half to even on the decimal
    digits (not on the binary value). Returns (carry, digits); carry 1 means one more leading digit."""
    if len(digits) <= count:
        return 0, list(digits) + [0] * (count - len(digits))
    kept = list(digits[:count])
    dropped = digits[count]
    previous_even = kept[-1] % 2 == 0 if kept else True
    if dropped == 5 and previous_even and not any(digits[count + 1:]):
        up = 0
    else:
        up = 1 if dropped >= 5 else 0
    i = count - 1
    while up and i >= 0:
        if kept[i] == 9:
            kept[i] = 0
            i -= 1
        else:
            kept[i] += 1
            up = 0
    if up:
        return 1, [1] + kept
    return 0, kept


def _text(digits: Sequence[int]) -> str:
    return "".join(chr(48 + d) for d in digits)


def _special(x: float) -> str | None:
    if x != x:
        return "NaN"
    if x == math.inf:
        return "Infinity"
    if x == -math.inf:
        return "-Infinity"
    return None


def _is_negative(x: float) -> bool:
    return x < 0 or (x == 0 and math.copysign(1.0, x) < 0)


def show_gfloat4(x: float) -> str:
    """GHC's `showGFloat (Just 4) x ""`: fixed with 4 decimals when 0.1 <= |x| < 10^7 (or x == 0),
    otherwise `d.dddde<exp>`; `NaN`, `Infinity`, `-0.0000` as GHC writes them."""
    special = _special(x)
    if special is not None:
        return special
    if _is_negative(x):
        return "-" + _gfloat4_positive(-x)
    return _gfloat4_positive(x)


def _gfloat4_positive(x: float) -> str:
    # Fast path: when no rounding midpoint is near x, rounding x itself (Python's correctly rounded
    # formatting) gives what GHC gets from rounding its shortest digits, which lie within an ulp of x.
    # 0.1 <= x < 10^7 decides the layout the same way as GHC's exponent (neither bound can sit strictly
    # inside another double's rounding interval).
    if 0.1 <= x < 1e7:
        if _rounding_is_safe(x, 1e-4):
            return f"{x:.4f}"
    elif x == 0.0:
        return "0.0000"
    elif 1e-290 < x < 1e300:
        mantissa, _, exponent = f"{x:.4e}".partition("e")
        power = int(exponent)
        # a mantissa of 1.0000 may have carried over from the decade below: check that grid too
        if _rounding_is_safe(x, 10.0 ** (power - 4)) and (
            mantissa != "1.0000" or _rounding_is_safe(x, 10.0 ** (power - 5))
        ):
            return f"{mantissa}e{power}"
    return _gfloat4_digits(x)


def _gfloat4_digits(x: float) -> str:
    """`showGFloat (Just 4)` exactly as GHC computes it, from GHC's own shortest digits."""
    digits, e = double_digits(x)
    if e < 0 or e > 7:
        carry, rounded = round_to(5, digits)
        if carry:
            rounded = rounded[:-1]
        return f"{rounded[0]}.{_text(rounded[1:])}e{e - 1 + carry}"
    carry, rounded = round_to(4 + e, digits)
    whole, frac = _text(rounded[: e + carry]), _text(rounded[e + carry:])
    return (whole or "0") + ("." + frac if frac else "")


def _show_generic(digits: list[int], e: int) -> str:
    """GHC's `show` layout (FFGeneric, no precision) for the digits of a non-negative number."""
    ds = _text(digits)
    if e < 0 or e > 7:
        return f"{ds}.0e{e - 1}" if len(ds) == 1 else f"{ds[0]}.{ds[1:]}e{e - 1}"
    if e == 0:
        return "0." + ds
    return ds[:e].ljust(e, "0") + "." + (ds[e:] or "0")


def show_double(x: float) -> str:
    """GHC's `show` for a Double: `3.5`, `1.0e-2`, `1.0e7`, `0.30000000000000004`, `-0.0`."""
    special = _special(x)
    if special is not None:
        return special
    if _is_negative(x):
        return "-" + _show_generic(*double_digits(-x))
    return _show_generic(*double_digits(x))


def show_float(x: Any) -> str:
    """GHC's `show` for a Float, from float32's own shortest digits: `0.1`, `0.33333334`."""
    value = float(np.float32(x))
    special = _special(value)
    if special is not None:
        return special
    if _is_negative(value):
        return "-" + _show_generic(*float_to_digits(-value, FLOAT))
    return _show_generic(*float_to_digits(value, FLOAT))


_ASCII_NAMES = (
    "NUL SOH STX ETX EOT ENQ ACK a b t n v f r SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC "
    "FS GS RS US"
).split()


def show_string(text: str) -> str:
    """GHC's `show` for a String: quotes, `\\n`-style escapes, decimal escapes beyond ASCII with `\\&`
    where a digit follows, `\\SO\\&H`."""
    out = ['"']
    for i, c in enumerate(text):
        code = ord(c)
        following = text[i + 1] if i + 1 < len(text) else ""
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif code > 127:
            out.append(f"\\{code}" + ("\\&" if following in "0123456789" and following else ""))
        elif code == 127:
            out.append("\\DEL")
        elif code >= 32:
            out.append(c)
        elif code == 14:
            out.append("\\SO" + ("\\&" if following == "H" else ""))
        else:
            out.append("\\" + _ASCII_NAMES[code])
    out.append('"')
    return "".join(out)


def format_real_float(x: float, style: str, decimals: int | None, kind: tuple[int, int] = DOUBLE) -> str:
    """GHC's `formatRealFloat` for a finite x >= 0: style "f" (showFFloat), "e" (showEFloat) or "g"
    (showGFloat), `decimals` None for as many digits as `show` gives. Printf's `%f %e %g` use it."""
    digits, e = float_to_digits(x, kind) if kind != DOUBLE else double_digits(x)
    if style == "g":
        style = "e" if e < 0 or e > 7 else "f"
    if style == "e":
        return _exponent_form(digits, e, decimals)
    return _fixed_form(digits, e, decimals)


def _exponent_form(digits: list[int], e: int, decimals: int | None) -> str:
    if decimals is None:
        if digits == [0]:
            return "0.0e0"
        text = _text(digits)
        return f"{text}.0e{e - 1}" if len(text) == 1 else f"{text[0]}.{text[1:]}e{e - 1}"
    if decimals <= 0:
        if digits == [0]:
            return "0e0"
        carry, rounded = round_to(1, digits)
        return f"{(rounded[:-1] if carry else rounded)[0]}e{e - 1 + carry}"
    count = max(decimals, 1)
    if digits == [0]:
        return "0." + "0" * count + "e0"
    carry, rounded = round_to(count + 1, digits)
    kept = rounded[:-1] if carry else rounded
    return f"{kept[0]}.{_text(kept[1:])}e{e - 1 + carry}"


def _fixed_form(digits: list[int], e: int, decimals: int | None) -> str:
    if decimals is None:
        if e <= 0:
            return "0." + "0" * (-e) + _text(digits)
        text = _text(digits)
        whole, frac = text[:e].ljust(e, "0"), text[e:]
        return (whole or "0") + "." + (frac or "0")
    count = max(decimals, 0)
    if e >= 0:
        carry, rounded = round_to(count + e, digits)
        text = _text(rounded)
        whole, frac = text[: e + carry], text[e + carry:]
        return (whole or "0") + ("." + frac if frac else "")
    carry, rounded = round_to(count, [0] * (-e) + list(digits))
    text = _text(rounded if carry else [0] + rounded)
    return text[0] + ("." + text[1:] if text[1:] else "")
