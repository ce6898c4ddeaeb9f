"""Verdict feedback: what the team says taskqual should have answered, kept in a real database.

``POST /v1/feedback`` stores one piece of feedback, ``GET /v1/feedback`` exports them all (JSON Lines
or CSV), and ``taskqual train --feedback URL`` reads them back to train the team's model. SQLite by
default (a file under the data directory), PostgreSQL by URL; the schema is created and upgraded by
the Alembic migrations shipped in ``migrations/``, run on first use.
"""

from .store import FeedbackStore, NewFeedback, database_url, default_data_dir

__all__ = ["FeedbackStore", "NewFeedback", "database_url", "default_data_dir"]
