from django.urls import include, path

urlpatterns = [
    path("", include("board.elections.urls")),
    path("", include("board.meetings.urls")),
    path("", include("board.meetings.people_urls")),
]
