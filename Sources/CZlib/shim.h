// zlib, for the history's packs (gzip streams written at a fixed level, read with a size cap).
// On Debian and Ubuntu the header comes with zlib1g-dev; macOS has it in the SDK.
#include <zlib.h>
