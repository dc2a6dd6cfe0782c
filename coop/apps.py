from django.apps import AppConfig


class CoopConfig(AppConfig):
    name = "coop"
    verbose_name = "Co-operative (shared)"

    def ready(self) -> None:
        from PIL import Image

        from coop.images import MAX_PIXELS

        # Pillow refuses (DecompressionBombError) anything over twice this, anywhere.
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS

        from coop import checks  # noqa: F401  (registers the deployment checks)
