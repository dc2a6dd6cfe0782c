"""The board's API namespace: board_api gathers the elections' and the meetings' addresses."""
