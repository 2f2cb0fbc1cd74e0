"""seed users and accounts

Revision ID: e5f6a7b8c9d0
Revises: kilo
Create Date: 2024-03-03 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "e5f6a7b8c9d0"
down_revision = "kilo"
branch_labels = None
depends_on = None


def upgrade():
    users = sa.table(
        "users",
        sa.column("id", sa.Integer),
        sa.column("email", sa.String),
        sa.column("name", sa.String),
        sa.column("is_active", sa.Boolean),
    )
    op.bulk_insert(
        users,
        [
            {"id": 1, "email": "ann@example.com", "name": "Ann", "is_active": True},
            {"id": 2, "email": "bob@example.com", "name": "O'Brien", "is_active": False},
            {"id": 3, "email": "cy@example.com", "name": None, "is_active": True},
        ],
    )
    accounts_table = sa.table(
        "accounts",
        sa.column("id", sa.Integer()),
        sa.column("user_id", sa.Integer()),
        sa.column("balance", sa.Numeric()),
        sa.column("currency", sa.String()),
    )
    op.bulk_insert(accounts_table, [
        {"id": 10, "user_id": 1, "balance": 12, "currency": "EUR"},
        {"id": 11, "user_id": 2, "balance": 0, "currency": "USD"},
    ])


def downgrade():
    pass
