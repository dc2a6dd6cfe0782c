"""Uploaded PDFs (board papers, receipts) are opened with a PDF library: a web page that
starts like a PDF is refused, and scripts and actions are taken out of what is kept."""

import datetime as dt
import io
from collections.abc import Callable

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from board.meetings import services as board_services
from board.models import Paper
from coop.errors import CoopError
from coop.pdfs import LOCKED_PDF, NOT_A_PDF, pdf_cleaned
from finance.models import Expense
from tests.board.meeting_helpers import editor, plan
from tests.finance.helpers import spent_on_bowling
from tests.pdf_files import HTML_PDF, actions_in, links_in, plain_pdf, scripted_pdf


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_plain_pdf_is_kept_byte_for_byte() -> None:
    data = plain_pdf()
    assert pdf_cleaned(io.BytesIO(data), "a.pdf").read() == data


def test_scripts_and_actions_are_taken_out_and_web_links_kept() -> None:
    data = scripted_pdf()
    assert actions_in(data)  # the file really carries them
    cleaned = pdf_cleaned(io.BytesIO(data), "a.pdf").read()
    assert actions_in(cleaned) == []
    assert links_in(cleaned) == ["https://example.org/"]
    with pikepdf.open(io.BytesIO(cleaned)) as pdf:
        assert len(pdf.pages) == 1


def _locked() -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(plain_pdf())) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: HTML_PDF, NOT_A_PDF),
        (lambda: b"%PDF-", NOT_A_PDF),
        (lambda: b"", NOT_A_PDF),
        (_locked, LOCKED_PDF),
    ],
    ids=["html", "header-only", "empty", "password"],
)
def test_what_is_not_a_pdf_we_can_open_is_refused(make: Callable[[], bytes], message: str) -> None:
    with pytest.raises(CoopError) as error:
        pdf_cleaned(io.BytesIO(make()), "a.pdf")
    assert error.value.message == message


def _item(cast):
    meeting = plan(cast)
    return board_services.item_add(
        meeting=meeting,
        title="Hiring a minibus",
        summary="We talk about a minibus.",
        decision_needed=True,
        actor=cast.board,
    )


def _paper_page(cast, data: bytes) -> bytes:
    client = Client()
    client.force_login(editor(cast))
    response = client.post(
        reverse("paper-new", args=[_item(cast).pk]),
        {"title": "Minibus", "standard_pdf": SimpleUploadedFile("paper.pdf", data)},
    )
    if response.status_code != 302:
        raise CoopError(response.content.decode())
    return Paper.objects.get().standard_pdf.read()


def _paper_service(cast, data: bytes) -> bytes:
    paper = board_services.paper_add(
        item=_item(cast),
        title="Minibus",
        actor=cast.board,
        standard_pdf=SimpleUploadedFile("paper.pdf", data),
    )
    return paper.standard_pdf.read()


def _paper_changed(cast, data: bytes) -> bytes:
    paper = board_services.paper_add(item=_item(cast), title="Minibus", actor=cast.board)
    board_services.paper_update(
        paper=paper, actor=cast.board, standard_pdf=SimpleUploadedFile("paper.pdf", data)
    )
    return Paper.objects.get().standard_pdf.read()


def _receipt(cast, data: bytes) -> bytes:
    expense = spent_on_bowling(cast, SimpleUploadedFile("receipt.pdf", data))
    return expense.receipt.read()


def _receipt_page(cast, data: bytes) -> bytes:
    client = Client()
    client.force_login(cast.finance)
    form = client.get(reverse("finance-expense-new")).context["form"]
    response = client.post(
        reverse("finance-expense-new"),
        {
            "token": form["token"].value(),
            "account_code": "activity_costs",
            "supplier": "Lanes Bowling",
            "description": "Two lanes",
            "spent_on": dt.date.today().isoformat(),
            "amount_pence": "42.50",
            "paid_with": "bank",
            "receipt": SimpleUploadedFile("receipt.pdf", data),
        },
    )
    if response.status_code != 302:
        raise CoopError(response.content.decode())
    return Expense.objects.get().receipt.read()


UPLOADS: dict[str, tuple[Callable[..., bytes], type]] = {
    "board-paper-page": (_paper_page, Paper),
    "board-paper": (_paper_service, Paper),
    "board-paper-changed": (_paper_changed, Paper),
    "receipt": (_receipt, Expense),
    "receipt-page": (_receipt_page, Expense),
}


@pytest.mark.parametrize("upload", list(UPLOADS))
def test_a_web_page_that_starts_like_a_pdf_is_refused_and_nothing_is_kept(cast, upload) -> None:
    keep, model = UPLOADS[upload]
    with pytest.raises(CoopError) as error:
        keep(cast, HTML_PDF)
    assert NOT_A_PDF in error.value.message
    assert not model.objects.exclude(**{_file_field(model): ""}).exists()


@pytest.mark.parametrize("upload", list(UPLOADS))
def test_a_pdf_with_scripts_is_kept_without_them(cast, upload) -> None:
    keep, _ = UPLOADS[upload]
    kept = keep(cast, scripted_pdf())
    assert actions_in(kept) == []
    assert links_in(kept) == ["https://example.org/"]


def _file_field(model: type) -> str:
    return "standard_pdf" if model is Paper else "receipt"
