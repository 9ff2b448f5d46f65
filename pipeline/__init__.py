"""congvan: read Vietnamese official dispatches into a task graph in DuckDB."""
__version__ = "0.1.0"
