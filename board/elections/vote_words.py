"""How a vote counts, in easy read, for the voting booth and the election's page. Each
sentence is true of the election's counting method (board/elections/counting)."""

from board.elections.models import Election

PICTURES_LINE = "Each person chose a photo or a picture. It helps you find them."


def how_your_vote_counts(election: Election) -> list[str]:
    """What to do and what happens to the vote, short sentences one a line."""
    seats = election.seats
    if not election.is_ranked:  # most votes wins
        if seats == 1:
            return ["Choose 1 person.", "The person with the most votes gets the place."]
        return [
            f"You can choose up to {seats} people.",
            f"The {seats} people with the most votes get the places.",
        ]
    lines = [
        "Choose the people you want, in order.",
        "Your first choice is the person you want most.",
        "You can choose just 1 person, or more. You do not have to choose everyone.",
        # Instant run-off and both kinds of single transferable vote leave out the person
        # with the fewest votes and pass their votes on.
        "Your first choice may have too few votes to win. Then your vote goes to your next choice.",
    ]
    if election.method != Election.Method.IRV:
        # Single transferable vote also passes on what a winner did not need.
        lines.append(
            "Your first choice may get more votes than they need to win. "
            "Then part of your vote goes to your next choice."
        )
    return lines
