from django.urls import path

from board.meetings.views import agenda, attendance, packs, papers, proposals, record, terms

urlpatterns = [
    path("board/members/", terms.board_terms, name="board-terms"),
    path("board/meetings/", agenda.meeting_list, name="meeting-list"),
    path("board/meetings/new/", agenda.meeting_new, name="meeting-new"),
    path("board/meetings/<int:pk>/", agenda.meeting_detail, name="meeting-detail"),
    path("board/meetings/<int:pk>/edit/", agenda.meeting_edit, name="meeting-edit"),
    path("board/meetings/<int:pk>/cancel/", agenda.meeting_cancel, name="meeting-cancel"),
    path("board/meetings/<int:pk>/refresh/", papers.meeting_refresh, name="meeting-refresh"),
    path("board/meetings/<int:pk>/send/", packs.meeting_send, name="meeting-send"),
    path("board/meetings/<int:pk>/items/new/", agenda.item_new, name="meeting-item-new"),
    path("board/meetings/<int:pk>/pack/", packs.meeting_pack, name="meeting-pack"),
    path("board/meetings/<int:pk>/pack.pdf", packs.meeting_pack_pdf, name="meeting-pack-pdf"),
    path(
        "board/meetings/<int:pk>/attendance/",
        attendance.meeting_attendance,
        name="meeting-attendance",
    ),
    path("board/meetings/<int:pk>/record/", record.meeting_record, name="meeting-record"),
    path(
        "board/meetings/<int:pk>/approve-minutes/",
        record.minutes_approve,
        name="meeting-approve-minutes",
    ),
    path("board/meetings/<int:pk>/minutes/", record.minutes, name="meeting-minutes"),
    path(
        "board/meetings/<int:pk>/minutes.pdf", record.minutes_download, name="meeting-minutes-pdf"
    ),
    path("board/items/<int:pk>/", agenda.item_edit, name="meeting-item"),
    path("board/items/<int:pk>/notes/", agenda.item_notes, name="meeting-item-notes"),
    path("board/items/<int:pk>/answer/", proposals.proposal_answer, name="proposal-answer"),
    path("board/items/<int:pk>/papers/new/", papers.paper_new, name="paper-new"),
    path("board/papers/<int:pk>/", papers.paper_detail, name="paper-detail"),
    path("board/papers/<int:pk>/edit/", papers.paper_edit, name="paper-edit"),
    path("board/papers/<int:pk>/parts/new/", papers.part_edit, name="paper-part-new"),
    path("board/papers/<int:pk>/parts/<int:part_pk>/", papers.part_edit, name="paper-part"),
    path(
        "board/papers/<int:pk>/parts/<int:part_pk>/remove/",
        papers.part_delete,
        name="paper-part-delete",
    ),
    path("board/papers/<int:pk>/paper.pdf", papers.paper_download, name="paper-pdf"),
    path("board/papers/<int:pk>/uploaded.pdf", papers.paper_file, name="paper-file"),
    path("board/actions/", record.actions_list, name="meeting-actions"),
    path("board/actions/<int:pk>/done/", record.action_done, name="meeting-action-done"),
    path("board/packs/", packs.packs_to_do, name="meeting-packs-to-do"),
    path("board/packs/<int:pk>/<slug:outcome>/", packs.pack_delivery, name="meeting-pack-delivery"),
    path("board/sitting-fees/", attendance.sitting_fees, name="sitting-fees"),
    path("board/sitting-fees/<int:pk>/pay/", attendance.sitting_fee_pay, name="sitting-fee-pay"),
    path("minutes/", record.minutes_list, name="minutes-list"),
]
