#pragma once
// The name of a server-side scratch database for a .sql target schema (SPEC §12), unique per
// process and call: migrate_scratch_<pid>_<random>, so that a leftover one says what it was.
#include <string>

namespace migrate::dialects {

[[nodiscard]] std::string scratch_database_name();

}  // namespace migrate::dialects
