# Writes OUT with `#define MIGRATE_COMMIT "<short hash>"` for --version, run at every build
# (CMakeLists.txt, target commit_id) but rewriting the file only when the commit changed, so that
# only main.cpp recompiles, and only then. Outside a git checkout the commit is "unknown".
execute_process(COMMAND git -C "${SOURCE_DIR}" rev-parse --short=12 HEAD
                OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE
                RESULT_VARIABLE failed ERROR_QUIET)
if(failed OR commit STREQUAL "")
  set(commit "unknown")
endif()
execute_process(COMMAND git -C "${SOURCE_DIR}" status --porcelain --untracked-files=no
                OUTPUT_VARIABLE changes ERROR_QUIET)
if(NOT failed AND NOT changes STREQUAL "")
  string(APPEND commit "-modified")
endif()
set(text "#define MIGRATE_COMMIT \"${commit}\"\n")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
