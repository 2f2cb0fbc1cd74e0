"""a convertible base

Revision ID: 1111aaaa2222
Revises:
Create Date: 2024-05-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "1111aaaa2222"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.String(50)))


def downgrade():
    op.drop_table("users")
