from django.urls import include, path

from board.views import booth, officer, pages, stand

urlpatterns = [
    path("elections/", pages.election_list, name="election-list"),
    path("elections/call/", officer.election_call, name="election-call"),
    path("elections/paper-to-check/", officer.paper_checks, name="election-paper-checks"),
    path("elections/<int:pk>/", pages.election_detail, name="election-detail"),
    path(
        "elections/<int:pk>/candidates/<int:candidate_pk>/",
        pages.candidate_detail,
        name="election-candidate",
    ),
    path(
        "elections/<int:pk>/candidates/<int:candidate_pk>/photo/",
        pages.candidate_photo,
        name="election-candidate-photo",
    ),
    path("elections/<int:pk>/stand/", stand.election_stand, name="election-stand"),
    path("elections/<int:pk>/withdraw/", pages.election_withdraw, name="election-withdraw"),
    path("elections/<int:pk>/vote/", booth.election_vote, name="election-vote"),
    path("elections/<int:pk>/ballots/", pages.election_ballots, name="election-ballots"),
    path("elections/<int:pk>/receipts/", pages.election_receipts, name="election-receipts"),
    path("elections/<int:pk>/results/", pages.election_results, name="election-results"),
    path("elections/<int:pk>/count-sheet/", pages.election_sheet, name="election-sheet"),
    path(
        "elections/<int:pk>/count-sheet.txt", pages.election_sheet_text, name="election-sheet-text"
    ),
    path("elections/<int:pk>/ballots.blt", pages.election_blt, name="election-blt"),
    path("elections/<int:pk>/cancel/", officer.election_cancel, name="election-cancel"),
    path("elections/<int:pk>/run/", officer.election_run, name="election-run"),
    path(
        "elections/<int:pk>/run/nominations/<int:candidate_pk>/",
        officer.nomination_decide,
        name="election-nomination",
    ),
    path("elections/<int:pk>/run/box/", officer.ballot_box_make, name="election-box"),
    path("elections/<int:pk>/run/open-box/", officer.ballot_box_open, name="election-box-open"),
    path("elections/<int:pk>/run/paper/", officer.paper_batches, name="election-paper"),
    path(
        "elections/<int:pk>/run/paper/<int:number>/",
        officer.paper_batch,
        name="election-paper-batch",
    ),
    path("elections/<int:pk>/run/<slug:move>/", officer.election_move, name="election-move"),
    path("", include("board.meetings.urls")),
]
