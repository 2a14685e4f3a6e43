"""The Exports area: summaries for headquarters (issue 13) — prepare, review exactly what leaves,
approve with the password (four eyes) or reject, follow the outbox, and show what left."""
