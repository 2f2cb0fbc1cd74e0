"""columns added in a loop

Revision ID: 2222bbbb3333
Revises: 1111aaaa2222
Create Date: 2024-05-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "2222bbbb3333"
down_revision = "1111aaaa2222"
branch_labels = None
depends_on = None


def upgrade():
    for name in ("street", "city"):  # UNCONVERTIBLE: loop
        op.add_column("users", sa.Column(name, sa.String(80)))


def downgrade():
    op.drop_column("users", "city")
    op.drop_column("users", "street")
