"""Background rows: the ordinary life of the city, generated so that no model fires on it.

Each module generates one dataset (or a few that belong together) for a `World`.
"""
