from django.apps import AppConfig


class WellbeingConfig(AppConfig):
    name = "wellbeing"
    verbose_name = "Well-being questions"

    def ready(self) -> None:
        from coop import home_panels, personal_data
        from wellbeing.home import evaluator_panel, questions_panel, supporter_panels
        from wellbeing.personal_data import erase_wellbeing, export_wellbeing

        personal_data.register("wellbeing", exporter=export_wellbeing, eraser=erase_wellbeing)
        # After the next activity, before the election.
        home_panels.register("member", order=15, builder=questions_panel)
        home_panels.register("supporter", order=10, builder=supporter_panels)
        home_panels.register("evaluator", order=10, builder=evaluator_panel)

        from coop import demo

        demo.register("wellbeing", "wellbeing.demo.loaded_answers", order=demo.AFTER_ACTIVITIES)
