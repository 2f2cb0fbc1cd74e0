"""accounts (billing branch)

Revision ID: kilo
Revises: a1b2c3d4e5f6
Create Date: 2024-03-02 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "kilo"
down_revision = "a1b2c3d4e5f6"
branch_labels = ("billing",)
depends_on = None


def upgrade():
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("balance", sa.Numeric(precision=12, scale=2), server_default="0",
                  nullable=False),
        sa.Column("currency", sa.String(length=3), server_default="EUR", nullable=False),
        sa.Column("note", sa.Unicode(length=40), nullable=True),
        sa.Column("opened", sa.Time(), nullable=True),
        sa.CheckConstraint("balance >= 0", name="ck_accounts_balance"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_accounts_user",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
    )
    op.create_index("ix_accounts_user_id", "accounts", ["user_id"])
    op.create_index("ix_accounts_positive", "accounts", ["user_id", "balance"],
                    postgresql_where=sa.text("balance > 0"))


def downgrade():
    # The table goes with its indexes (MySQL keeps ix_accounts_user_id for the foreign key).
    op.drop_index("ix_accounts_positive", table_name="accounts")
    op.drop_table("accounts")
