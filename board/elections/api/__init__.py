"""The elections' API: elections, their published ballots and receipts, the result."""
