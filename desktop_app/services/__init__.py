"""Use cases: each takes the app context (with the signed-in session), checks permission, acts, audits."""
