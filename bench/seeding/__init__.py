"""The benchmark's data (`seed_scale`): a large synthetic federation written in bulk, one
module a topic."""
