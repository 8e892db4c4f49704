#include "common/build_id.h"

#include <elf.h>
#include <link.h>

#include <cstdint>
#include <cstring>

namespace policykg {

namespace {

// The build-id in the PT_NOTE segments of the first object dl_iterate_phdr reports: the main
// program.
int FindBuildId(struct dl_phdr_info* info, size_t, void* data) {
  auto* out = static_cast<std::string*>(data);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const size_t align = ph.p_align == 8 ? 8 : 4;
    const char* const notes = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
    const size_t size = ph.p_memsz;
    const auto up = [align](size_t n) { return (n + align - 1) & ~(align - 1); };
    for (size_t at = 0; size - at >= sizeof(ElfW(Nhdr));) {
      ElfW(Nhdr) note;
      std::memcpy(&note, notes + at, sizeof note);
      const size_t name = at + sizeof note;
      if (up(note.n_namesz) > size - name) break;
      const size_t desc = name + up(note.n_namesz);
      if (note.n_descsz > size - desc) break;
      if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 &&
          std::memcmp(notes + name, "GNU", 4) == 0) {
        static const char kHex[] = "0123456789abcdef";
        for (uint32_t k = 0; k < note.n_descsz; ++k) {
          const auto byte = static_cast<unsigned char>(notes[desc + k]);
          out->push_back(kHex[byte >> 4]);
          out->push_back(kHex[byte & 15]);
        }
        return 1;
      }
      if (up(note.n_descsz) > size - desc) break;
      at = desc + up(note.n_descsz);
    }
  }
  return 1;  // only the main program
}

}  // namespace

const std::string& ProgramBuildId() {
  static const std::string id = [] {
    std::string found;
    dl_iterate_phdr(FindBuildId, &found);
    return found;
  }();
  return id;
}

}  // namespace policykg
