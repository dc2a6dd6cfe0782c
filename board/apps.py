from django.apps import AppConfig


class BoardConfig(AppConfig):
    name = "board"
    verbose_name = "Board and elections"

    def ready(self) -> None:
        from board.meetings import pack_cache

        # A kept pack is made again after any change to what it shows.
        pack_cache.connect()

        from board.personal_data import export_board
        from coop import personal_data
        from members.outbox.services import register_words

        # A pack's email carries its PDF, made when the outbox sends it.
        register_words("meeting_pack", _pack_message_words)

        from members.outbox.today import register_today_work

        # Board papers to call about and to print, on the organisers' messages page.
        register_today_work("board", _packs_work_today)

        from events.services.group_messages import register_board

        # Organisers can write to "the board": who is on it today.
        register_board(_on_board)

        from board.meetings.services.proposals import proposal_meeting_times, proposal_to_agenda
        from events.services.proposals import register_agenda

        # A member's proposal goes on the next board meeting's agenda.
        register_agenda(proposal_to_agenda, proposal_meeting_times)

        # Candidates' statements and board terms are public records of the co-operative:
        # they stay when a member's personal data is erased, so there is no eraser here.
        personal_data.register("board", exporter=export_board)

        from board.elections.home import election_panels
        from coop import home_panels

        # The member's page says when they can stand or vote.
        home_panels.register("member", order=20, builder=election_panels)

        from events.home_leading import leading_panel

        # A member the board agreed could help lead an activity sees it on their page.
        home_panels.register("member", order=12, builder=leading_panel)

        from board.meetings.home import next_meeting_panel, sitting_fees_line

        # The board member's page starts with the next meeting and the actions due; the
        # finance officer's counts the sitting fees to pay.
        home_panels.register("board", order=10, builder=next_meeting_panel)
        home_panels.register("finance", order=20, builder=sitting_fees_line)

        from coop import demo

        demo.register("elections", "board.demo.elections.loaded_elections", order=demo.ELECTIONS)
        demo.register("meetings", "board.demo.meetings.loaded_meetings", order=demo.MEETINGS)
        # Before the meetings: Patricia, the second co-chair, joins and gets her term there.
        demo.register(
            "board people", "board.demo.board_people.loaded_board_people", order=demo.MEETINGS - 1
        )


def _pack_message_words(message):
    from board.meetings.services.packs import pack_message_words  # reportlab: only when needed

    return pack_message_words(message)


def _packs_work_today(now, user):
    from board.meetings.services.packs import packs_work_today  # reportlab loads only when needed

    return packs_work_today(now, user)


def _on_board(day):
    from board.terms.models import BoardMembership  # apps.py loads before the models

    return BoardMembership.objects.on(day).values("member_id")
