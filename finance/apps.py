from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "finance"

    def ready(self) -> None:
        from coop import personal_data
        from finance.personal_data import (
            export_payments,
            method_words,
            reference_words,
            references_words,
        )

        personal_data.register("finance", exporter=export_payments)
        personal_data.register_words("reference", reference_words, many=references_words)
        personal_data.register_words("method", method_words)

        from coop import home_panels
        from finance.home import waiting_money_lines

        # The finance officer's page starts with refunds and cash that wait.
        home_panels.register("finance", order=10, builder=waiting_money_lines)

        from coop import demo

        demo.register("money", "finance.demo.loaded_money", order=demo.AFTER_ACTIVITIES)
