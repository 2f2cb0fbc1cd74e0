#include "migrate/script/script_checksum.h"

#include "migrate/core/checksum.h"
#include "migrate/ops/operation_yaml.h"

namespace migrate {

std::string script_checksum(const Script& script) {
  // A versioned, line-based text: each part starts a line of its own, so no two scripts can
  // produce the same text. Changing this text changes every recorded checksum: bump the version
  // line and keep reading the old one instead.
  std::string text = "migrate.script-checksum/1\n";
  text += script.transactional ? "transactional: true\n" : "transactional: false\n";
  text += "upgrade:\n" + emit_operations(script.upgrade, 2, &script.upgrade_sources);
  if (script.downgrade) {
    text += "downgrade:\n" + emit_operations(*script.downgrade, 2, &script.downgrade_sources);
  } else {
    // Derived from the upgrade, which the checksum covers already.
    text += "downgrade: derived\n";
  }
  return sha256_hex(text);
}

}  // namespace migrate
