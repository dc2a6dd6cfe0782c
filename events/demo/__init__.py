"""The demo activities, their bookings in every state, and what comes after them."""
