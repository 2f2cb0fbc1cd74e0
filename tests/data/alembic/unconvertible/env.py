"""A minimal Alembic env.py: the URL comes from `-x url=...`, else from alembic.ini."""
from alembic import context
from sqlalchemy import create_engine, pool

config = context.config
url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
    "sqlalchemy.url")

connectable = create_engine(url, poolclass=pool.NullPool)
with connectable.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
