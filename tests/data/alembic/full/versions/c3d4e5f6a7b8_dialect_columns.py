"""per-dialect columns

Revision ID: c3d4e5f6a7b8
Revises: b2c3d4e5f6a7
Create Date: 2024-03-05 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql, postgresql

# revision identifiers, used by Alembic.
revision = "c3d4e5f6a7b8"
down_revision = "b2c3d4e5f6a7"
branch_labels = None
depends_on = "kilo"


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.add_column("users", sa.Column("prefs", postgresql.JSONB(), nullable=True))
        op.add_column("users", sa.Column("tags", postgresql.ARRAY(sa.Text()), nullable=True))
        op.add_column("users", sa.Column("ext_id", postgresql.UUID(), nullable=True))
        op.create_index("ix_users_prefs", "users", ["prefs"], postgresql_using="gin")
    elif op.get_bind().dialect.name == "mysql":
        op.add_column("users", sa.Column("prefs", sa.JSON(), nullable=True))
        op.add_column("users", sa.Column("flags", mysql.TINYINT(unsigned=True), nullable=True))
    else:
        op.add_column("users", sa.Column("prefs", sa.Text(), nullable=True))
    with op.get_context().autocommit_block():
        op.create_index("ix_accounts_currency", "accounts", ["currency"],
                        postgresql_concurrently=True)


def downgrade():
    with op.get_context().autocommit_block():
        op.drop_index("ix_accounts_currency", table_name="accounts",
                      postgresql_concurrently=True)
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.drop_index("ix_users_prefs", table_name="users")
        op.drop_column("users", "ext_id")
        op.drop_column("users", "tags")
        op.drop_column("users", "prefs")
    elif dialect == "mysql":
        op.drop_column("users", "flags")
        op.drop_column("users", "prefs")
    else:
        with op.batch_alter_table("users") as batch_op:
            batch_op.drop_column("prefs")
