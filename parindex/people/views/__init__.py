"""Screens of the people app, split by aggregate. Thin: forms in, services and selectors out."""
