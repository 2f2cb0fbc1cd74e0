// schema.yaml -> SchemaModel (schema_yaml.h). The tables are create_table mappings, read by the
// operation parser itself so that the vocabulary and messages are those of migration scripts.
#include "migrate/schema/schema_yaml.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "migrate/core/error.h"
#include "migrate/core/file.h"
#include "migrate/ops/operation_yaml.h"
#include "ops/yaml_describe.h"
#include "ops/yaml_load.h"

namespace migrate {
namespace {

int line_of(const YAML::Node& node) { return node.Mark().line >= 0 ? node.Mark().line + 1 : 0; }

// The table as `dialect` creates it: each per-dialect column type resolved.
CreateTable for_dialect(const CreateTable& table, const std::vector<std::string>& dialect,
                        const std::string& where) {
  try {
    return std::get<CreateTable>(dialect.empty() ? resolve_types_leniently(table, dialect)
                                                 : resolve_types(table, dialect));
  } catch (const Error& e) {
    throw Error(fmt::format("{}: {}", where, e.what()));
  }
}

}  // namespace

SchemaModel parse_schema_yaml(std::string_view yaml_text, std::string_view file,
                              const std::vector<std::string>& dialect) {
  const YAML::Node root = detail::load_yaml(yaml_text, file);
  if (!root.IsMap()) {
    throw Error(fmt::format("{}:{}: a schema file is a mapping with a 'tables' list, not {}", file,
                            line_of(root), detail::describe_node(root)));
  }
  for (auto it = root.begin(); it != root.end(); ++it) {
    const YAML::Node key = it->first;
    if (!key.IsScalar() || key.Scalar() != "tables") {
      throw Error(fmt::format("{}:{}: unknown key {}; a schema file has only 'tables'", file,
                              line_of(key), detail::describe_node(key)));
    }
  }
  const YAML::Node tables = root["tables"];
  if (!tables || !tables.IsSequence()) {
    throw Error(fmt::format("{}:{}: 'tables' must be a list of tables, not {}", file,
                            line_of(tables ? tables : root),
                            tables ? detail::describe_node(tables) : std::string("missing")));
  }
  SchemaModel model;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const YAML::Node& item = tables[i];
    std::string label = fmt::format("table {}", i + 1);
    if (item.IsMap() && item["name"] && item["name"].IsScalar()) {
      label += fmt::format(" ({})", item["name"].Scalar());
    }
    if (!item.IsMap()) {
      throw Error(fmt::format("{}:{}: {}: expected a mapping like create_table's, not {}", file,
                              line_of(item), label, detail::describe_node(item)));
    }
    const CreateTable table =
        for_dialect(parse_table_definition(item, file, label, {"indexes"}), dialect,
                    fmt::format("{}:{}: {}", file, line_of(item), label));
    std::vector<CreateIndex> indexes;
    if (const YAML::Node list = item["indexes"]) {
      if (!list.IsSequence()) {
        throw Error(fmt::format("{}:{}: {}: field 'indexes' must be a list, not {}", file,
                                line_of(list), label, detail::describe_node(list)));
      }
      for (std::size_t k = 0; k < list.size(); ++k) {
        indexes.push_back(parse_index_definition(
            list[k], file, fmt::format("{}: index {}", label, k + 1), table.name));
      }
    }
    model.tables.push_back(table_from_operation(table, indexes));
  }
  validate(model, file);
  return model;
}

SchemaModel load_schema_yaml(const std::filesystem::path& path,
                             const std::vector<std::string>& dialect) {
  const std::string text =
      read_file(path, fmt::format("Cannot read the target schema '{}'; check target_schema or "
                                  "--target-schema",
                                  path.string()));
  return parse_schema_yaml(text, path.string(), dialect);
}

}  // namespace migrate
