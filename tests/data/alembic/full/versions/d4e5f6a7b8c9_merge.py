"""merge billing and users

Revision ID: d4e5f6a7b8c9
Revises: e5f6a7b8c9d0, c3d4e5f6a7b8
Create Date: 2024-03-06 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "d4e5f6a7b8c9"
down_revision = ("e5f6a7b8c9d0", "c3d4e5f6a7b8")
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE users SET phone = '555-0100' WHERE id = 1")
    op.get_bind().execute(sa.text("UPDATE accounts SET note = 'first' WHERE id = 10"))
    conn = op.get_bind()
    conn.execute("UPDATE users SET visits = 7 WHERE id = 2")
    op.execute(sa.text("UPDATE users SET level = 3 WHERE id = 3"))


def downgrade():
    op.execute("UPDATE users SET phone = NULL WHERE id = 1")
    op.execute("UPDATE accounts SET note = NULL WHERE id = 10")
    op.execute("UPDATE users SET visits = 0 WHERE id = 2")
    op.execute("UPDATE users SET level = 1 WHERE id = 3")
