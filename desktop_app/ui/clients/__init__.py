"""The Clients area: the masked client list with search, intake and the masked detail view."""
