"""RightsWatch: big-data legal supervision models for the rights of women and children."""

__version__ = "0.1.0"
