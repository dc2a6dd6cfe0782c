"""Board elections: calling one, nominations, the ballot box, voting and the count."""
