"""The benchmark for `make bench` (see bench/README.md): a Django app that only
bench/settings.py installs. Never imported by the site."""
