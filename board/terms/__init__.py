"""Who sits on the board, in what role, and for how long. Both halves of the board
(elections and meetings) may use it; it uses neither."""
