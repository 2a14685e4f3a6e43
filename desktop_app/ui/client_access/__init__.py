"""The client-data key in the GUI: waiting panels, the manager's key set-up and confirmation screen,
the show-once client-data recovery code (services/client_access.py does the work)."""
