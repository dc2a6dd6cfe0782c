"""Board meeting pages."""
