"""The storage layer: every SQL statement of Nashra lives in this package."""

from nashra.storage.db import Database, StorageError, from_db_time, to_db_time, utcnow

__all__ = ["Database", "StorageError", "from_db_time", "to_db_time", "utcnow"]
