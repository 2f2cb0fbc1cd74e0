"""a Core expression

Revision ID: 3333cccc4444
Revises: 2222bbbb3333
Create Date: 2024-05-03 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "3333cccc4444"
down_revision = "2222bbbb3333"
branch_labels = None
depends_on = None

users = sa.table("users", sa.column("id", sa.Integer), sa.column("name", sa.String))


def upgrade():
    op.execute(users.update().where(users.c.id == 1).values(name="root"))  # UNCONVERTIBLE: Core


def downgrade():
    pass
