from django.urls import path

from board.meetings.views import meetings

urlpatterns = [
    path("board/members/", meetings.board_terms, name="board-terms"),
    path("board/meetings/", meetings.meeting_list, name="meeting-list"),
    path("board/meetings/new/", meetings.meeting_new, name="meeting-new"),
    path("board/meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("board/meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting-edit"),
    path("board/meetings/<int:pk>/cancel/", meetings.meeting_cancel, name="meeting-cancel"),
    path("board/meetings/<int:pk>/refresh/", meetings.meeting_refresh, name="meeting-refresh"),
    path("board/meetings/<int:pk>/send/", meetings.meeting_send, name="meeting-send"),
    path("board/meetings/<int:pk>/items/new/", meetings.item_new, name="meeting-item-new"),
    path("board/meetings/<int:pk>/pack/", meetings.meeting_pack, name="meeting-pack"),
    path("board/meetings/<int:pk>/pack.pdf", meetings.meeting_pack_pdf, name="meeting-pack-pdf"),
    path(
        "board/meetings/<int:pk>/attendance/",
        meetings.meeting_attendance,
        name="meeting-attendance",
    ),
    path("board/meetings/<int:pk>/record/", meetings.meeting_record, name="meeting-record"),
    path(
        "board/meetings/<int:pk>/approve-minutes/",
        meetings.minutes_approve,
        name="meeting-approve-minutes",
    ),
    path("board/meetings/<int:pk>/minutes/", meetings.minutes, name="meeting-minutes"),
    path(
        "board/meetings/<int:pk>/minutes.pdf", meetings.minutes_download, name="meeting-minutes-pdf"
    ),
    path("board/items/<int:pk>/", meetings.item_edit, name="meeting-item"),
    path("board/items/<int:pk>/notes/", meetings.item_notes, name="meeting-item-notes"),
    path("board/items/<int:pk>/papers/new/", meetings.paper_new, name="paper-new"),
    path("board/papers/<int:pk>/", meetings.paper_detail, name="paper-detail"),
    path("board/papers/<int:pk>/edit/", meetings.paper_edit, name="paper-edit"),
    path("board/papers/<int:pk>/parts/new/", meetings.part_edit, name="paper-part-new"),
    path("board/papers/<int:pk>/parts/<int:part_pk>/", meetings.part_edit, name="paper-part"),
    path(
        "board/papers/<int:pk>/parts/<int:part_pk>/remove/",
        meetings.part_delete,
        name="paper-part-delete",
    ),
    path("board/papers/<int:pk>/paper.pdf", meetings.paper_download, name="paper-pdf"),
    path("board/papers/<int:pk>/uploaded.pdf", meetings.paper_file, name="paper-file"),
    path("board/actions/", meetings.actions_list, name="meeting-actions"),
    path("board/actions/<int:pk>/done/", meetings.action_done, name="meeting-action-done"),
    path("board/packs/", meetings.packs_to_do, name="meeting-packs-to-do"),
    path(
        "board/packs/<int:pk>/<slug:outcome>/", meetings.pack_delivery, name="meeting-pack-delivery"
    ),
    path("board/sitting-fees/", meetings.sitting_fees, name="sitting-fees"),
    path("board/sitting-fees/<int:pk>/pay/", meetings.sitting_fee_pay, name="sitting-fee-pay"),
    path("minutes/", meetings.minutes_list, name="minutes-list"),
]
