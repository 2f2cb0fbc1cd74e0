// Deriving a downgrade from an upgrade (SPEC §6, end): an operation is invertible only when its
// own fields say everything the inverse needs. Dropping something loses its definition, and
// execute/bulk_insert/type changes cannot be undone from what the script says, so those return
// nullopt and the script must spell out its downgrade (Alembic's reverse() raising
// NotImplementedError, but as a value).
#include <variant>

#include "migrate/ops/operation.h"

namespace migrate {
namespace {

struct Reverse {
  std::optional<Operation> operator()(const CreateTable& op) const {
    return DropTable{op.name, op.schema, /*if_exists=*/op.if_not_exists};
  }
  std::optional<Operation> operator()(const AddColumn& op) const {
    return DropColumn{op.table, op.column.name, op.schema};
  }
  std::optional<Operation> operator()(const CreateIndex& op) const {
    return DropIndex{op.name, op.table, op.schema, op.concurrently};
  }
  std::optional<Operation> operator()(const RenameTable& op) const {
    return RenameTable{op.new_name, op.name, op.schema};
  }
  std::optional<Operation> operator()(const AlterColumn& op) const {
    // Only a pure rename can be undone: the old type, nullability, default and comment are not
    // known.
    if (!op.new_name || op.type || op.nullable || op.default_ || op.comment) return std::nullopt;
    AlterColumn back;
    back.table = op.table;
    back.name = *op.new_name;
    back.schema = op.schema;
    back.new_name = op.name;
    return back;
  }
  std::optional<Operation> operator()(const CreateUniqueConstraint& op) const {
    return DropConstraint{op.name, op.table, ConstraintType::unique, op.schema};
  }
  std::optional<Operation> operator()(const CreatePrimaryKey& op) const {
    return DropConstraint{op.name, op.table, ConstraintType::primary, op.schema};
  }
  std::optional<Operation> operator()(const CreateForeignKey& op) const {
    return DropConstraint{op.name, op.table, ConstraintType::foreignkey, op.schema};
  }
  std::optional<Operation> operator()(const CreateCheckConstraint& op) const {
    return DropConstraint{op.name, op.table, ConstraintType::check, op.schema};
  }
  // The rest cannot be inverted: the inverse needs what the operation destroyed or did. One
  // overload per type, and no template catching the rest, so that a new operation does not
  // compile until it says whether it can be undone.
  std::optional<Operation> operator()(const DropTable&) const { return std::nullopt; }
  std::optional<Operation> operator()(const DropColumn&) const { return std::nullopt; }
  std::optional<Operation> operator()(const DropIndex&) const { return std::nullopt; }
  std::optional<Operation> operator()(const DropConstraint&) const { return std::nullopt; }
  std::optional<Operation> operator()(const BulkInsert&) const { return std::nullopt; }
  std::optional<Operation> operator()(const Execute&) const { return std::nullopt; }
};

}  // namespace

std::optional<Operation> reverse(const Operation& op) { return std::visit(Reverse{}, op); }

std::optional<std::vector<Operation>> reverse_all(const std::vector<Operation>& ops,
                                                  std::size_t* first_irreversible) {
  std::vector<Operation> reversed;
  reversed.reserve(ops.size());
  for (std::size_t i = 0; i < ops.size(); ++i) {
    auto inverse = reverse(ops[i]);
    if (!inverse) {
      // The earliest offender in file order is the one a reader looks for first.
      if (first_irreversible != nullptr) *first_irreversible = i;
      return std::nullopt;
    }
    reversed.push_back(std::move(*inverse));
  }
  return std::vector<Operation>(std::make_move_iterator(reversed.rbegin()),
                                std::make_move_iterator(reversed.rend()));
}

}  // namespace migrate
