"""The board API: elections, meetings, and the quarterly report; addresses in urls.py."""
