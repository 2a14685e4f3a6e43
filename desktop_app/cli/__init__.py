"""The command-line interface for IT, installers and scripts; the same services as the GUI."""
