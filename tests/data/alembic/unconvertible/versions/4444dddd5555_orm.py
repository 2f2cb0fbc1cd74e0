"""ORM code

Revision ID: 4444dddd5555
Revises: 3333cccc4444
Create Date: 2024-05-04 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy import orm

revision = "4444dddd5555"
down_revision = "3333cccc4444"
branch_labels = None
depends_on = None


def upgrade():
    session = orm.Session(bind=op.get_bind())  # UNCONVERTIBLE: ORM
    session.commit()


def downgrade():
    pass
