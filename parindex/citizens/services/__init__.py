"""Writes of the citizens' voice, by aggregate: surveys, feedback, outreach."""
