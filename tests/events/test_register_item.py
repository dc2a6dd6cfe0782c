"""The register's entries, written in Python (events.register.register_item): every value
escaped, and the buttons each state needs."""

from events.register import register_item


def _row(**changes) -> dict:
    row = {
        "pk": "7",
        "status": "confirmed",
        "fee_status": "none",
        "name": 'Jo <b>"Bold"</b> & Co',
        "initial": "J",
        "guests": "",
        "needs": "",
        "phone": "",
        "tel": "",
        "back": "/organiser/activities/3/attendance/#booking-7",
        "mark_url": "/organiser/bookings/7/mark/",
        "cash_url": "",
        "fee": "",
    }
    return {**row, **changes}


def test_every_value_is_escaped():
    html = register_item(
        _row(needs="<script>x</script>", phone="0 1", tel="01", guests="With 1 guest."),
        early=True,
        csrf_token='a"b',
    )
    assert "<b>" not in html and "<script>" not in html
    assert "Jo &lt;b&gt;&quot;Bold&quot;&lt;/b&gt; &amp; Co" in html
    assert "Needs: &lt;script&gt;x&lt;/script&gt;." in html
    assert 'value="a&quot;b"' in html
    assert '<a href="tel:01">Call 0 1</a>' in html and "<p>With 1 guest.</p>" in html


def test_a_confirmed_booking_gets_here_and_not_here_and_the_early_box_only_when_early():
    early = register_item(_row(), early=True, csrf_token="t")
    assert 'value="here"' in early and 'value="not_here"' in early
    assert 'id="early-7"' in early and 'value="undo"' not in early
    assert 'id="early-7"' not in register_item(_row(), early=False, csrf_token="t")


def test_a_marked_booking_gets_undo_and_its_mark_and_the_cash_button_when_owed():
    here = register_item(
        _row(
            status="attended",
            fee_status="refund_pending",
            cash_url="/organiser/bookings/7/cash-given-back/",
            fee="£5",
        ),
        early=False,
        csrf_token="t",
    )
    assert "Here: fee coming back" in here and 'value="undo"' in here
    assert 'action="/organiser/bookings/7/cash-given-back/"' in here and "I gave £5 back" in here
    gone = register_item(_row(status="no_show", fee_status="kept"), early=False, csrf_token="t")
    assert "Not here: fee kept" in gone and "I gave" not in gone and 'value="here"' not in gone
