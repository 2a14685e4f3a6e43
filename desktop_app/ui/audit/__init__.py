"""The audit area: the lazily paged audit log table, its filters, and the chain check."""
