// Leaks LeakSanitizer must not report in the test executables (the ASan + UBSan run of
// dev/test.sh). The sanitizer runtime calls this hook; without it the function is never used.
//
// libpqxx 6.4 (Debian 12) does not free the PGresult that libpq hands it when the server ends
// the session under it (pg_terminate_backend, a crash): reproduced with libpqxx alone, and the
// lost-session tests of the PostgreSQL driver do exactly that. The suppression names libpq's
// allocator of results, so a leak of our own objects is still reported.
extern "C" const char* __lsan_default_suppressions() { return "leak:PQmakeEmptyPGresult\n"; }
