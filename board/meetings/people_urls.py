from django.urls import path

from board.meetings.views import board_people

urlpatterns = [
    path("board/partners/", board_people.partner_seats, name="board-partners"),
    path("board/helper/", board_people.helper_hours, name="board-helper"),
    path("board/training/", board_people.training, name="board-training"),
    path("board/roles/", board_people.role_list, name="board-roles"),
    path("board/roles/<slug:role>/", board_people.role_detail, name="board-role"),
]
