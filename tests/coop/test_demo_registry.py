"""coop.demo: the loaders run in their order, each once, and what they say is put together
in that order."""

from coop import demo


def test_loaders_run_in_order_and_their_reports_are_joined(monkeypatch):
    monkeypatch.setattr(demo, "_loaders", {})
    ran = []

    def loader(name, **said):
        def load():
            ran.append(name)
            return demo.Loaded(**said)

        return load

    demo.register("send", loader("send", summary=["sent"]), order=demo.SEND_QUEUED)
    demo.register(
        "people", loader("people", counts={"members": 2}, notes=["sign in"]), order=demo.PEOPLE
    )
    demo.register("meetings", loader("meetings", counts={"board meetings": 1}), order=demo.MEETINGS)
    # Registering a name again (a repeated ready()) replaces it: it still runs once.
    demo.register(
        "people", loader("people", counts={"members": 3}, notes=["sign in"]), order=demo.PEOPLE
    )

    loaded = demo.load_all()

    assert ran == ["people", "meetings", "send"]
    assert list(loaded.counts.items()) == [("members", 3), ("board meetings", 1)]
    assert loaded.summary == ["sent"] and loaded.notes == ["sign in"]
