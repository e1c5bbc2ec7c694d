#define _GNU_SOURCE
#include "CBenchSystem.h"

#ifdef __linux__
#include <sys/prctl.h>

int cbench_set_child_subreaper(void) {
#ifdef PR_SET_CHILD_SUBREAPER
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
#else
    return -1;
#endif
}

int cbench_is_child_subreaper(void) {
#ifdef PR_GET_CHILD_SUBREAPER
    int value = 0;
    if (prctl(PR_GET_CHILD_SUBREAPER, &value, 0, 0, 0) != 0) return -1;
    return value != 0;
#else
    return -1;
#endif
}

#else
// Only Linux reparents orphans to a subreaper; the Swift side asks only there (IsolationPlatform).
#include <errno.h>

int cbench_set_child_subreaper(void) {
    errno = ENOSYS;
    return -1;
}

int cbench_is_child_subreaper(void) {
    errno = ENOSYS;
    return -1;
}
#endif
