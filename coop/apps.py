from django.apps import AppConfig


class CoopConfig(AppConfig):
    name = "coop"
    verbose_name = "Co-operative (shared)"

    def ready(self) -> None:
        from coop import checks  # noqa: F401  (registers the deployment checks)
