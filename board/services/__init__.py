"""Every write about board meetings goes through these services: meetings and packs."""
