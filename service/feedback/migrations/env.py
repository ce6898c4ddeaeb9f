"""Alembic environment of the feedback store.

Run by :func:`taskqual.service.feedback.store.migrate` (on the first use of a database) with an open
connection in ``config.attributes["connection"]``. To migrate a database ahead of time, e.g. before
a deploy: ``python -c "from taskqual.service.feedback import FeedbackStore, database_url;
FeedbackStore(database_url('postgresql+psycopg://…')).engine"``. New revisions: ``alembic -x url=URL
revision -m "…"`` with ``script_location`` pointing here; ``-x url`` is read below when no connection
is given.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from taskqual.service.feedback.models import Base

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection, target_metadata=Base.metadata, render_as_batch=connection.dialect.name == "sqlite"
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("no database to migrate: pass `alembic -x url=URL ...` or set sqlalchemy.url")
    with create_engine(url).begin() as conn:
        _run(conn)
