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


def test_the_apps_register_dotted_paths_so_no_demo_data_loads_at_start_up():
    registered = dict(demo._loaders)
    assert {"people", "activities", "after activities", "elections", "meetings", "outbox"} <= set(
        registered
    )
    assert all(isinstance(loader, str) for _, loader in registered.values())


def test_a_dotted_path_is_imported_when_the_demo_is_loaded(monkeypatch):
    monkeypatch.setattr(demo, "_loaders", {})
    demo.register("said", "tests.coop.test_demo_registry.said_hello", order=demo.PEOPLE)
    assert demo.load_all().summary == ["hello"]


def said_hello() -> demo.Loaded:
    return demo.Loaded(summary=["hello"])
