"""The board meetings' API: meetings, their agenda and actions, papers as PDF."""
