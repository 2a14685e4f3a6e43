"""BranchVault: encrypted client records for real-estate branch sales offices."""

__version__ = "0.1.0"
APP_NAME = "BranchVault"
