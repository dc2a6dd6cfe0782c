"""A plain-text count sheet: the winners, then every stage as a returning officer reads it."""

from .result import CountResult, Stage


def render_sheet(result: CountResult) -> str:
    title = f" of {result.title!r}" if result.title else ""
    seed = "" if result.seed is None else f", lot seed {result.seed}"
    quota = f", quota {result.quota}" if result.quota is not None else ""
    lines = [
        f"Count{title} by {result.method}",
        f"{result.seats} seat(s), {result.valid_votes} valid votes{quota}{seed}",
        "",
        "Elected, in order of election:",
    ]
    elected_at = {name: stage.number for stage in result.stages for name in stage.elected}
    for place, name in enumerate(result.elected, start=1):
        lines.append(f"  {place}. {name} (stage {elected_at.get(name, '?')})")
    if not result.elected:
        lines.append("  nobody")
    if result.excluded:
        lines.append("Excluded, in order: " + "; ".join(result.excluded))
    # One set of column widths for the whole sheet, so stages line up when compared.
    names = [name for stage in result.stages for name in stage.totals]
    amounts = [
        amount
        for stage in result.stages
        for amount in (*stage.totals.values(), *stage.transfers.values())
    ]
    widths = (
        max([len("Non-transferable"), *map(len, names)]),
        max([len("Transfer"), *(len(amount) + 1 for amount in amounts)]),
    )
    for stage in result.stages:
        lines.append("")
        lines.extend(_stage_lines(stage, result, widths))
    return "\n".join(lines) + "\n"


def _stage_lines(stage: Stage, result: CountResult, widths: tuple[int, int]) -> list[str]:
    name_width, number_width = widths
    threshold = stage.threshold or result.quota
    heading = f"Stage {stage.number}: {stage.action}"
    if threshold is not None:
        label = "majority" if result.method == "irv" else "quota"
        heading += f" ({label} {threshold})"
    lines = [
        heading,
        f"  {'Candidate':<{name_width}}  {'Transfer':>{number_width}}  {'Total':>{number_width}}",
    ]
    for name, total in stage.totals.items():
        transfer = _signed(stage.transfers.get(name, ""))
        mark = "  elected" if name in stage.elected else ""
        lines.append(
            f"  {name:<{name_width}}  {transfer:>{number_width}}  {total:>{number_width}}{mark}"
        )
    if stage.non_transferable is not None:
        label = "Non-transferable"
        lines.append(f"  {label:<{name_width}}  {_signed(stage.non_transferable):>{number_width}}")
    lines.extend(f"  Note: {note}" for note in stage.notes)
    return lines


def _signed(amount: str) -> str:
    if not amount or amount.startswith("-"):
        return amount
    return "+" + amount
