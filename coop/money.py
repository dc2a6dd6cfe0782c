"""Money is integer pence. This is the one place that turns pence into words."""


def format_pence(pence: int) -> str:
    """£5, £5.50, £1,250, -£3 — whole pounds without ".00", as easy read asks."""
    if not isinstance(pence, int):
        raise TypeError("Money is a whole number of pence.")
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    if rest:
        return f"{sign}£{pounds:,}.{rest:02d}"
    return f"{sign}£{pounds:,}"
