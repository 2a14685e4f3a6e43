"""The backups tab and the app's scheduled-backup timer (issue 15 §3)."""
