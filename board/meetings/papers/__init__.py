"""What board papers say and how they are shown: the little text format papers are
written in (text), the papers coop writes itself from its records (generated, content,
minutes, sources), the minutes drawn from the meeting record (minutes), and the pack as a
tagged PDF (pack)."""
