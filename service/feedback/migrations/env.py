"""Alembic environment of the feedback store.

Run by :func:`service.feedback.store.migrate` with an open connection in
``config.attributes["connection"]``; or by the ``alembic`` command with ``-x url=...``
(``alembic -c /dev/null -x url=sqlite:///feedback.sqlite3 upgrade head`` from this folder).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from service.feedback.models import Base

config = context.config


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    with create_engine(url).begin() as conn:
        _run(conn)
