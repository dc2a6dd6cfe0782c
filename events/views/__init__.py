"""Pages for activities and bookings: members (activities, booking), organisers."""
