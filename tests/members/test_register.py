import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from members import services

pytestmark = pytest.mark.django_db


def test_register_lists_everyone_admitted_with_dates(client, cast):
    services.member_resign(member=cast.member_row, actor=cast.admin)
    client.force_login(cast.admin)
    response = client.get(reverse("register-download", kwargs={"fmt": "csv"}))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Membership number", "Name", "Address", "Date admitted", "Date ceased"]
    row = next(r for r in rows if r[0] == cast.member_row.membership_number)
    assert row[1] == "Maya Okafor"
    assert row[3] == "2024-03-01" and row[4] == dt.date.today().isoformat()


def test_applicants_are_not_on_the_register(client, cast):
    services.member_add(
        actor=cast.admin, branch=cast.member_row.branch, first_name="Not", last_name="Yet"
    )
    client.force_login(cast.admin)
    html = client.get(reverse("register")).content.decode()
    assert "Maya Okafor" in html and "Not Yet" not in html


def test_register_pdf_is_a_tagged_pdf_with_every_member(client, cast):
    import pdfplumber
    import pikepdf

    client.force_login(cast.admin)
    response = client.get(reverse("register-download", kwargs={"fmt": "pdf"}))
    assert response["Content-Type"] == "application/pdf"
    pdf = pikepdf.open(io.BytesIO(response.content))
    assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
    assert str(pdf.Root.Lang) == "en-GB"
    with pdfplumber.open(io.BytesIO(response.content)) as doc:
        text = "".join(page.extract_text() for page in doc.pages)
    assert "Maya Okafor" in text and cast.member_row.membership_number in text


@pytest.mark.parametrize("role", ["member", "organiser", "board", "finance", "outsider"])
def test_register_is_for_administrators_only(client, cast, role):
    client.force_login(cast.by_role(role))
    for url in [reverse("register"), reverse("register-download", kwargs={"fmt": "csv"})]:
        response = client.get(url)
        assert response.status_code == 403
        assert b"Okafor" not in response.content


def test_unknown_register_format_is_404(client, cast):
    client.force_login(cast.admin)
    assert client.get(reverse("register-download", kwargs={"fmt": "xls"})).status_code == 404
