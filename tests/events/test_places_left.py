"""Places left: worked out by one function, wherever a page or the API says it."""

from events.models import Activity, places_left


def test_places_left_counts_down_and_never_below_nought():
    assert places_left(10, 3) == 7
    assert places_left(10, 10) == 0
    # An organiser cut the places below those already taken: nought left, not minus two.
    assert places_left(8, 10) == 0


def test_an_activity_says_the_same_as_the_function():
    activity = Activity(places=5)
    activity.taken = 7
    assert activity.left == 0
    activity.taken = 2
    assert activity.left == places_left(5, 2) == 3
