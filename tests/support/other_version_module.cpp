// A dialect module from another build of migrate, to test that the binary refuses it.
extern "C" {
__attribute__((visibility("default"))) const char* migrate_module_version() {
  return "0.0.0-other";
}
__attribute__((visibility("default"))) const void* migrate_module_dialect() { return nullptr; }
}
