"""The finance API: views in views.py, addresses in urls.py."""
