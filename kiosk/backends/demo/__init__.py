"""The embedded demo store: a generated SQLite "online store" that stands in for a commerce server."""
