"""The membership app's REST API: one module per idea (account, roll), its addresses in
urls.py, which coop/urls.py includes."""
