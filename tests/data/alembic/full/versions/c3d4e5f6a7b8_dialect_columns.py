"""per-dialect columns

Revision ID: c3d4e5f6a7b8
Revises: b2c3d4e5f6a7
Create Date: 2024-03-05 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "c3d4e5f6a7b8"
down_revision = "b2c3d4e5f6a7"
branch_labels = None
depends_on = "kilo"


def upgrade():
    # Arms that differ only in SQL (arms running different structured operations, such as
    # add_column with postgresql.JSONB in one and sa.JSON in another, are not converted).
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE users ADD COLUMN prefs JSONB")
        op.execute("ALTER TABLE users ADD COLUMN tags TEXT[]")
    elif op.get_bind().dialect.name == "mysql":
        op.execute("ALTER TABLE users ADD COLUMN prefs JSON")
        op.execute("ALTER TABLE users ADD COLUMN flags TINYINT UNSIGNED")
    else:
        op.execute("ALTER TABLE users ADD COLUMN prefs TEXT")
    with op.get_context().autocommit_block():
        op.create_index("ix_accounts_currency", "accounts", ["currency"],
                        postgresql_concurrently=True)


def downgrade():
    with op.get_context().autocommit_block():
        op.drop_index("ix_accounts_currency", table_name="accounts",
                      postgresql_concurrently=True)
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("ALTER TABLE users DROP COLUMN tags")
        op.execute("ALTER TABLE users DROP COLUMN prefs")
    elif dialect == "mysql":
        op.execute("ALTER TABLE users DROP COLUMN flags")
        op.execute("ALTER TABLE users DROP COLUMN prefs")
    else:
        op.execute("ALTER TABLE users DROP COLUMN prefs")
