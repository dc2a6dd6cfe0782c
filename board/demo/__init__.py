"""The demo board: its elections and its meetings, made through the real services."""
