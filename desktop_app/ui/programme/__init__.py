"""The privacy programme area: training for every role, figures, reviews, surveys, education, incidents."""
