"""The Admin area (IT administrators): staff accounts and the audit chain check."""
