"""Screens of the citizens' voice: public pages (no login) and staff screens."""
