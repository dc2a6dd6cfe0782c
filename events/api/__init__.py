"""The events app's REST API: views.py (activities and bookings), after.py (what happens
after an activity), its addresses in urls.py, which coop/urls.py includes."""
