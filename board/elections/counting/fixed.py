"""Fixed-point numbers held as plain integers scaled by a power of ten.

Counting rules say how many decimal places a vote has and what happens to the rest
(the Scottish rules: five places, "any remainder being ignored"). Integers make that exact;
floats would round in binary and drift from the official sheets.
"""


def truncating_muldiv(a: int, b: int, c: int) -> int:
    """a * b / c with the remainder ignored (towards zero), keeping a * b at full precision."""
    if c <= 0:
        raise ZeroDivisionError("divisor must be positive")
    product = a * b
    return product // c if product >= 0 else -((-product) // c)


def format_scaled(value: int, digits: int, places: int | None = None) -> str:
    """Render ``value / 10**digits`` as a decimal string with ``places`` decimals.

    Extra digits beyond ``places`` are rounded half away from zero: display only, never used
    in a count.
    """
    if places is None:
        places = digits
    negative = value < 0
    magnitude = -value if negative else value
    if places < digits:
        step = 10 ** (digits - places)
        magnitude = (magnitude + step // 2) // step
    elif places > digits:
        magnitude *= 10 ** (places - digits)
    whole, fraction = divmod(magnitude, 10**places)
    sign = "-" if negative and magnitude else ""
    if places == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{fraction:0{places}d}"


def parse_scaled(text: str, digits: int) -> int:
    """The inverse of ``format_scaled``: "123.45" with digits=5 gives 12345000.

    Refuses more decimals than ``digits`` rather than silently dropping them.
    """
    text = text.strip()
    negative = text.startswith("-")
    if negative or text.startswith("+"):
        text = text[1:]
    whole, _, fraction = text.partition(".")
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        raise ValueError(f"not a decimal number: {text!r}")
    if len(fraction) > digits:
        raise ValueError(f"{text!r} has more than {digits} decimal places")
    scale: int = 10**digits
    value = int(whole) * scale + int(fraction.ljust(digits, "0") or "0")
    return -value if negative else value
