#include "dialects/sqlite/render.h"

#include <variant>

namespace migrate::sqlite {

std::vector<Statement> render(const Operation& op, Connection& connection) {
  // No catch-all overload on purpose: see render.h.
  return std::visit([&](const auto& alternative) { return render_op(alternative, connection); },
                    op);
}

}  // namespace migrate::sqlite
