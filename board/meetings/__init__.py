"""Board meetings: the agenda and papers, the pack, the record of the meeting, the minutes
and the sitting fees. A half of the board app (app label "board"); it does not import
board's elections."""
