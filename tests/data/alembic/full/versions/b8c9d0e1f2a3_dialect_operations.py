"""dialect branches that run different operations

Revision ID: b8c9d0e1f2a3
Revises: a7b8c9d0e1f2
Create Date: 2024-03-09 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = "b8c9d0e1f2a3"
down_revision = "a7b8c9d0e1f2"
branch_labels = None
depends_on = None


def upgrade():
    # Arms running different structured operations: each becomes operations with `dialect:`.
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.add_column("tags", sa.Column("doc", postgresql.JSONB(), nullable=True))
        op.create_index("ix_tags_doc", "tags", ["doc"], postgresql_using="gin")
    elif bind.dialect.name in ("mysql", "mariadb"):
        op.add_column("tags", sa.Column("doc", sa.Text(), nullable=True))
    else:
        op.add_column("tags", sa.Column("doc", sa.JSON(), nullable=True))
        op.create_index("ix_tags_doc", "tags", ["doc"])
    # An index method on PostgreSQL only, a plain index elsewhere.
    op.create_index("ix_tags_raw", "tags", ["raw"], postgresql_using="hash")


def downgrade():
    op.drop_index("ix_tags_raw", table_name="tags")
    if op.get_bind().dialect.name != "mysql":
        op.drop_index("ix_tags_doc", table_name="tags")
    op.drop_column("tags", "doc")
