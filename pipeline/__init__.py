"""newsclaims: turn batches of news articles into tables of who claims what."""

__version__ = "0.1.0"
