from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Activities and bookings"

    def ready(self) -> None:
        from coop import personal_data
        from events.personal_data import (
            booking_state_words,
            erase_bookings,
            export_bookings,
            payment_method_words,
        )

        personal_data.register("activities", exporter=export_bookings, eraser=erase_bookings)
        personal_data.register_words("payment", payment_method_words)
        personal_data.register_words("from", booking_state_words)
        personal_data.register_words("to", booking_state_words)

        from events.selectors import work_today
        from members.outbox.today import register_today_work

        # Reminders' and "what's on" calls and letters, on the organisers' messages page.
        register_today_work("events", work_today)

        from events.summary import activity_summary
        from finance.reports.providers import register_activity_figures

        # The quarterly report's activity figures (finance does not import events).
        register_activity_figures(activity_summary)

        from events.selectors import payment_words
        from events.services import fees
        from finance import hooks

        hooks.register(
            "booking:",
            on_succeeded=fees.on_payment_succeeded,
            on_failed=fees.on_payment_failed,
            on_refunded=fees.on_refunded,
            on_refund_failed=fees.on_refund_failed,
            # The finance pages name a booking's payment in words, not "booking:26".
            describe=payment_words,
        )

        from coop import home_panels
        from events.home import cash_lines, next_booking_panel, organiser_day_panel
        from events.transport_home import transport_ask_lines

        # The member's page starts with their next activity; the organiser's with the day's,
        # and its list of what waits has the cash to take and give back.
        home_panels.register("member", order=10, builder=next_booking_panel)
        home_panels.register("organiser", order=10, builder=organiser_day_panel)
        home_panels.register("organiser-waiting", order=20, builder=cash_lines)
        home_panels.register("organiser-waiting", order=25, builder=transport_ask_lines)

        from events.support_home import register_support
        from events.transport_needs import register_needs

        register_support()  # the organiser's home line for missing support, and its demo
        register_needs()  # the organiser's home line for riders short of a wheelchair space
        _register_demos()


def _register_demos() -> None:
    """The demo's parts from events, in their order (support registers its own)."""
    from coop import demo

    demo.register("activities", "events.demo.activities.loaded_activities", order=demo.ACTIVITIES)
    demo.register("after activities", "events.demo.after.loaded_after", order=demo.AFTER_ACTIVITIES)
    demo.register("transport", "events.demo.transport.loaded_transport", order=demo.ACTIVITIES)
    demo.register(
        "travel switch",
        "events.demo.travel_switch.loaded_travel_switch",
        order=demo.AFTER_ACTIVITIES,
    )
    # Members say which times suit them (counted against the activities just made).
    demo.register("demand", "events.demo.demand.loaded_demand", order=demo.AFTER_ACTIVITIES)
