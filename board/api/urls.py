"""The board's API under /api/v1/, in the namespace board_api (included from coop/urls.py):
each half lists its own addresses."""

from board.elections.api.urls import urlpatterns as election_urls
from board.meetings.api.urls import urlpatterns as meeting_urls

app_name = "board_api"

urlpatterns = [*election_urls, *meeting_urls]
