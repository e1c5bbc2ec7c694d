#include "CCallgrind.h"

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define BENCHBOARD_HAVE_CALLGRIND 1
#endif
#endif

#ifdef BENCHBOARD_HAVE_CALLGRIND

int benchboard_callgrind_available(void) { return 1; }
void benchboard_callgrind_start_instrumentation(void) { CALLGRIND_START_INSTRUMENTATION; }
void benchboard_callgrind_toggle_collect(void) { CALLGRIND_TOGGLE_COLLECT; }
void benchboard_callgrind_dump_stats(void) { CALLGRIND_DUMP_STATS; }

#else

int benchboard_callgrind_available(void) { return 0; }
void benchboard_callgrind_start_instrumentation(void) {}
void benchboard_callgrind_toggle_collect(void) {}
void benchboard_callgrind_dump_stats(void) {}

#endif
