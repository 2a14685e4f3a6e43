"""The privacy training pages: each member's own training and quiz, and the managers' records."""
