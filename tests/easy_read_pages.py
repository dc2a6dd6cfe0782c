"""The easy-read check for pages a member reads (issue 20): the visible text of a page,
and what in it breaks the rules of ACCESSIBILITY.md that a machine can check.

    text = visible_text(html)            # the words in <main>, a line per block
    page_problems(text.main)             # ["long sentence (17 words): “…”", ...]

The checks are coop.easyread's (sentence length, contractions, abbreviations, capitals,
percentages, slash dates, numbers in words) and what the software must never show a
person: raw dates and times, codes, ids, pence, and a few words of jargon."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from coop.easyread import MAX_WORDS, easy_read_problems, sentences, word_count

# Elements whose words are never shown or read aloud.
_SKIPPED = {"script", "style", "template", "head", "title"}
# Text shown exactly as a program wrote it, to be typed or checked by hand, not read as
# sentences: the election count's report (<pre>), the command that counts again (<code>)
# and the list of voters' receipt codes. (The exceptions: keep them this few.)
_EXACT = {"pre", "code"}
_EXACT_CLASSES = {"receipt-small"}
# Elements that start a new line: a sentence never runs across them.
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "button", "caption", "dd", "details",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "label", "legend", "li", "nav", "ol", "option", "p",
    "section", "select", "summary", "table", "td", "th", "tr", "ul",
}  # fmt: skip
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


@dataclass
class PageText:
    """What a person reads on a page: `main` is the page's own words, `chrome` the header,
    menu, help box and footer every page shares, `title` the page's title (read first)."""

    main: str = ""
    chrome: str = ""
    title: str = ""


@dataclass
class _Reader(HTMLParser):
    main: list[str] = field(default_factory=list)
    chrome: list[str] = field(default_factory=list)
    title: list[str] = field(default_factory=list)
    # The open elements, each with whether its words are hidden.
    stack: list[tuple[str, bool]] = field(default_factory=list)
    in_main: int = 0

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def _hidden(self) -> bool:
        return any(hidden for _, hidden in self.stack)

    def _out(self) -> list[str]:
        return self.main if self.in_main else self.chrome

    def handle_starttag(self, tag, attrs) -> None:
        named = dict(attrs)
        hidden = (
            tag in _SKIPPED | _EXACT
            or bool(_EXACT_CLASSES & set((named.get("class") or "").split()))
            or "hidden" in named
            or named.get("aria-hidden") == "true"
            or named.get("type") == "hidden"
        )
        if tag in _BLOCKS:
            self._out().append("\n")
        if not (hidden or self._hidden()):
            # Words a screen reader says: a picture's text and a region's name.
            for said in (named.get("alt") if tag == "img" else "", named.get("aria-label")):
                if said:
                    self._out().append(f"\n{said}\n")
            if tag == "input" and named.get("type") in ("submit", "button"):
                self._out().append(f"\n{named.get('value', '')}\n")
        if tag == "main":
            self.in_main += 1
        if tag not in _VOID:
            self.stack.append((tag, hidden))

    def handle_startendtag(self, tag, attrs) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag) -> None:
        if tag in _VOID:
            return
        # Pop back to the matching element (HTML lets some end tags be left out).
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break
        if tag == "main":
            self.in_main -= 1
        if tag in _BLOCKS:
            self._out().append("\n")

    def handle_data(self, data) -> None:
        if [tag for tag, _ in self.stack[-2:]] == ["head", "title"]:  # not an <svg>'s
            self.title.append(data)
        if not self._hidden():
            self._out().append(data)


def _lines(parts: list[str]) -> str:
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def visible_text(html: str) -> PageText:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return PageText(
        main=_lines(reader.main), chrome=_lines(reader.chrome), title=_lines(reader.title)
    )


# What the software must never show a person, with what to say about each.
_RAW = {
    "a raw date": re.compile(r"\b\d{4}-\d{2}-\d{2}(?!\d)"),
    "a raw time": re.compile(r"(?<=\d)T\d{2}:\d{2}|\b\d{2}:\d{2}:\d{2}\b"),
    "a time zone": re.compile(r"[+-]\d{2}:\d{2}\b|\bUTC\b|\bGMT\b"),
    "a code": re.compile(r"\b[a-z]+(?:[_.][a-z0-9]+)+\b"),
    "an id": re.compile(r"\b[a-z]+:\d+\b|#\d+\b"),
    "a UUID": re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"),
    "pence": re.compile(r"\bpence\b|\b\d+p\b", re.IGNORECASE),
    "a word of jargon": re.compile(
        r"\b(?:status|pending|submit|invalid|N/A|null)\b"
        # Python's None, True and False, standing as a value: "None of these" is fine.
        r"|(?-i:\b(?:None|True|False)\b)(?=\s*(?:[.,;)]|$))",
        re.IGNORECASE | re.MULTILINE,
    ),
}
# easyread's "hard_words" is a reading grade over whole texts: a guide, not a rule for
# a page of headings, names and buttons.
_NOT_FOR_PAGES = {"hard_words"}


# Web and email addresses are links to follow, not words to read: the checks skip them.
_ADDRESS = re.compile(r"\bhttps?://\S+|\S+@\S+\.\w+")


def _raw_problems(text: str) -> list[str]:
    found = []
    for what, pattern in _RAW.items():
        found += [f"{what}: “{hit}”" for hit in dict.fromkeys(pattern.findall(text))]
    return found


def page_problems(text: str, *, quoted: tuple[str, ...] = (), ids: re.Pattern | None = None):
    """Everything in `text` that breaks the easy-read rules, in a list of short lines.
    `quoted` are words people wrote themselves (an organiser's description, a candidate's
    statement): they are taken out first, as they are that person's to write. `ids`
    matches the database ids of the test's rows, which no page should show."""
    for words in quoted:
        text = text.replace(" ".join(words.split()), " ")
    text = _ADDRESS.sub("(address)", text)
    found = [
        f"long sentence ({count} words): “{sentence}”"
        for sentence in sentences(text)
        if (count := word_count(sentence)) > MAX_WORDS
    ]
    found += [
        problem.message
        for problem in easy_read_problems(text)
        if problem.code not in _NOT_FOR_PAGES | {"long_sentence"}
    ]
    found += _raw_problems(text)
    if ids is not None:
        found += [f"a database id: “{hit}”" for hit in dict.fromkeys(ids.findall(text))]
    return found
