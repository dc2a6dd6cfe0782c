"""The member's well-being answers in their own data, in words, and forgetting them."""

from typing import Any

from members.selectors import member_for_user
from wellbeing import services
from wellbeing.models import Consent, Round
from wellbeing.questions import BY_KEY
from wellbeing.reading import answer_words


def export_wellbeing(user) -> dict[str, Any] | None:
    """Whether the member agreed, and each time they were asked with every answer, the
    question and the answer in words (as they read them)."""
    member = member_for_user(user)
    if member is None:
        return None
    consent = Consent.objects.filter(member=member).first()
    rounds = [
        {
            "asked_at": found.asked_at.isoformat(),
            "sent_at": found.finished_at.isoformat() if found.finished_at else None,
            "on_paper": found.on_paper,
            "answers": [
                {
                    "question": BY_KEY[a.question].text if a.question in BY_KEY else a.question,
                    "answer": answer_words(a),
                    "someone_helped": a.helped_by_id is not None,
                }
                for a in found.answers.all()
            ],
        }
        for found in Round.objects.filter(member=member).prefetch_related("answers")
    ]
    if consent is None and not rounds:
        return None
    return {
        "wellbeing_agreement": consent.get_status_display() if consent else "Not asked yet",
        "wellbeing_answers": rounds,
    }


def erase_wellbeing(user) -> None:
    member = member_for_user(user)
    if member is not None:
        services.forget(member)
