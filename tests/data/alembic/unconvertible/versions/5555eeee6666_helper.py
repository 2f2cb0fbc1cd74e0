"""a helper of the application

Revision ID: 5555eeee6666
Revises: 4444dddd5555
Create Date: 2024-05-05 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

from myapp.migration_helpers import add_audit_columns

revision = "5555eeee6666"
down_revision = "4444dddd5555"
branch_labels = None
depends_on = None


def upgrade():
    add_audit_columns(op, "users")  # UNCONVERTIBLE: helper


def downgrade():
    op.drop_column("users", "created_by")
