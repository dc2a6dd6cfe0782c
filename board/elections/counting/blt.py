"""Reading and writing BLT, the ballot format of OpenSTV, OpaVote, Droop and the ERS.

A file, line by line (left), and what each line means (right):

4 2                 candidates, seats
-3                  optional: withdrawn candidates, negated
12 1 2 4 0          weight, preferences (1-based), closing 0
3 2 - 1 0           "-" marks a skipped rank
0                   end of ballots
"Ann"               one name per candidate, quoted or not
...
"Title"             the election title; anything after it is ignored
"""

import re
from pathlib import Path

from .election import Ballot, Election

_QUOTED = re.compile(r'"([^"]*)"')


class BltError(ValueError):
    """The text is not a BLT file this counter can read; the message says where and why."""


def read_blt(path: str | Path) -> Election:
    # utf-8-sig: files saved by spreadsheet tools often start with a byte-order mark.
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise BltError(f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    return parse_blt(text)


def parse_blt(text: str) -> Election:
    lines = text.splitlines()
    cursor = _skip_blank(lines, 0)
    if cursor == len(lines):
        raise BltError("the file is empty")
    candidate_count, seats = _parse_header(lines[cursor], cursor + 1)
    cursor = _skip_blank(lines, cursor + 1)

    withdrawn: set[int] = set()
    if cursor < len(lines) and lines[cursor].split()[0].startswith("-"):
        withdrawn = _parse_withdrawn(lines[cursor], cursor + 1, candidate_count)
        cursor += 1

    ballots: list[Ballot] = []
    # A file of single papers repeats the same line many times; parsing each distinct line
    # once keeps a 200k-paper file well under a second.
    parsed: dict[str, Ballot] = {}
    while True:
        if cursor == len(lines):
            raise BltError("the ballots are not closed by a line holding just 0")
        line = lines[cursor].strip()
        cursor += 1
        if not line:
            continue
        if line == "0":
            break
        if line.startswith('"'):
            raise BltError(
                f"line {cursor}: names begin before a line holding just 0 ends the ballots"
            )
        ballot = parsed.get(line)
        if ballot is None:
            ballot = parsed[line] = _parse_ballot(line.split(), cursor, candidate_count)
        ballots.append(ballot)

    strings = _trailer_strings(lines[cursor:])
    if len(strings) < candidate_count:
        raise BltError(
            f"the header promises {candidate_count} candidates but {len(strings)} names follow"
        )
    names = tuple(strings[:candidate_count])
    title = strings[candidate_count] if len(strings) > candidate_count else ""
    try:
        return Election(
            candidates=names,
            seats=seats,
            ballots=tuple(ballots),
            withdrawn=frozenset(withdrawn),
            title=title,
        )
    except ValueError as error:
        raise BltError(str(error)) from None


def write_blt(election: Election) -> str:
    """The election as BLT text; ``parse_blt`` gives back an equal ``Election``."""
    for text in (*election.candidates, election.title):
        if '"' in text or "\n" in text or "\r" in text:
            raise ValueError(f"{text!r} cannot be written to BLT: it holds a quote or line break")
    out = [f"{len(election.candidates)} {election.seats}"]
    if election.withdrawn:
        out.append(" ".join(f"-{index + 1}" for index in sorted(election.withdrawn)))
    for weight, ranking in election.ballots:
        out.append(" ".join([str(weight), *(str(index + 1) for index in ranking), "0"]))
    out.append("0")
    out.extend(f'"{name}"' for name in election.candidates)
    out.append(f'"{election.title}"')
    return "\n".join(out) + "\n"


def _skip_blank(lines: list[str], cursor: int) -> int:
    while cursor < len(lines) and not lines[cursor].strip():
        cursor += 1
    return cursor


def _parse_header(line: str, number: int) -> tuple[int, int]:
    tokens = line.split()
    if len(tokens) != 2 or not all(token.isdigit() for token in tokens):
        raise BltError(f"line {number}: expected 'candidates seats', found {line.strip()!r}")
    candidates, seats = int(tokens[0]), int(tokens[1])
    if candidates < 1 or seats < 1:
        raise BltError(f"line {number}: needs at least one candidate and one seat")
    return candidates, seats


def _parse_withdrawn(line: str, number: int, candidate_count: int) -> set[int]:
    withdrawn: set[int] = set()
    for token in line.split():
        if not (token.startswith("-") and token[1:].isdigit()):
            raise BltError(
                f"line {number}: withdrawn candidates are negative numbers, not {token!r}"
            )
        candidate = int(token[1:])
        if not 1 <= candidate <= candidate_count:
            raise BltError(f"line {number}: no candidate {candidate} to withdraw")
        withdrawn.add(candidate - 1)
    return withdrawn


def _parse_ballot(tokens: list[str], number: int, candidate_count: int) -> Ballot:
    if tokens[0].startswith("("):
        # OpenSTV allows a ballot id in parentheses before the weight; it does not count.
        tokens = tokens[1:]
    if len(tokens) < 2 or tokens[-1] != "0":
        raise BltError(f"line {number}: a ballot is 'weight preferences... 0'")
    if not tokens[0].isdigit():
        raise BltError(f"line {number}: ballot weight {tokens[0]!r} is not a whole number")
    ranking: list[int] = []
    for token in tokens[1:-1]:
        if token == "-":
            # A skipped rank: the next marked preference moves up.
            continue
        if "=" in token:
            raise BltError(f"line {number}: equal rankings ({token}) are not supported")
        if not token.isdigit():
            raise BltError(f"line {number}: {token!r} is not a candidate number")
        candidate = int(token)
        if not 1 <= candidate <= candidate_count:
            raise BltError(f"line {number}: no candidate {candidate}")
        # A repeated candidate adds nothing: the first mark for them is the one that counts.
        if candidate - 1 not in ranking:
            ranking.append(candidate - 1)
    return Ballot(int(tokens[0]), tuple(ranking))


def _trailer_strings(lines: list[str]) -> list[str]:
    """Names and title: quoted strings (several may share a line) or whole unquoted lines."""
    strings: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith('"'):
            strings.extend(match.strip() for match in _QUOTED.findall(stripped))
        else:
            strings.append(stripped)
    return strings
