"""Pages about people, one module per area: pages (sign-in and homes), supporters."""
