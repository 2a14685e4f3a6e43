"""The privacy-notice versions page (Consent area)."""
