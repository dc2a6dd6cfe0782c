from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "finance"

    def ready(self) -> None:
        from coop import personal_data
        from finance.personal_data import export_payments

        personal_data.register("finance", exporter=export_payments)

        from coop import demo

        demo.register("money", "finance.demo.loaded_money", order=demo.AFTER_ACTIVITIES)
