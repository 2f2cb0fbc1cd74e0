// The tables operations name (tables_named.h).
#include "migrate/ops/tables_named.h"

#include <algorithm>
#include <variant>

namespace migrate {
namespace {

// The names one operation gives; false when it cannot say (the caller then compares everything).
struct Names {
  std::vector<std::string>* out;

  bool operator()(const CreateTable& op) const {
    add(op.name);
    for (const auto& column : op.columns) {
      if (column.references) add(column.references->table);
    }
    for (const auto& key : op.foreign_keys) add(key.ref_table);
    return true;
  }
  bool operator()(const DropTable& op) const { return add(op.name); }
  bool operator()(const RenameTable& op) const { return add(op.name) && add(op.new_name); }
  bool operator()(const AddColumn& op) const {
    if (op.column.references) add(op.column.references->table);
    return add(op.table);
  }
  bool operator()(const DropColumn& op) const { return add(op.table); }
  bool operator()(const AlterColumn& op) const { return add(op.table); }
  bool operator()(const CreateIndex& op) const { return add(op.table); }
  bool operator()(const DropIndex& op) const { return op.table && add(*op.table); }
  bool operator()(const CreateUniqueConstraint& op) const { return add(op.table); }
  bool operator()(const CreatePrimaryKey& op) const { return add(op.table); }
  bool operator()(const CreateForeignKey& op) const { return add(op.table) && add(op.ref_table); }
  bool operator()(const CreateCheckConstraint& op) const { return add(op.table); }
  bool operator()(const DropConstraint& op) const { return add(op.table); }
  bool operator()(const BulkInsert& op) const { return add(op.table); }
  bool operator()(const Execute&) const { return false; }

  bool add(const std::string& table) const {
    if (std::find(out->begin(), out->end(), table) == out->end()) out->push_back(table);
    return true;
  }
};

}  // namespace

std::optional<std::vector<std::string>> tables_named(const std::vector<Operation>& operations) {
  std::vector<std::string> tables;
  for (const auto& op : operations) {
    if (!std::visit(Names{&tables}, op)) return std::nullopt;
  }
  return tables;
}

}  // namespace migrate
