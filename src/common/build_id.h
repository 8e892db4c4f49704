// The running program's identity: the GNU build-id its linker wrote (readelf -n), which changes
// whenever its code does. Read from the loaded program headers (no file access).
#pragma once

#include <string>

namespace policykg {

// The main program's NT_GNU_BUILD_ID as lowercase hex (40 digits for ld's default sha1); empty when
// the program was linked without one (-Wl,--build-id=none).
const std::string& ProgramBuildId();

}  // namespace policykg
