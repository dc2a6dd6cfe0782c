from django.apps import AppConfig


class BoardConfig(AppConfig):
    name = "board"
    verbose_name = "Board and elections"

    def ready(self) -> None:
        from board.personal_data import export_board
        from coop import personal_data

        # Candidates' statements and board terms are public records of the co-operative:
        # they stay when a member's personal data is erased, so there is no eraser here.
        personal_data.register("board", exporter=export_board)
