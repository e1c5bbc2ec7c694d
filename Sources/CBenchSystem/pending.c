#define _GNU_SOURCE
#include "CBenchSystem.h"

#include <errno.h>
#include <sys/ioctl.h>

// ioctl is variadic, which Swift does not import.
int cbench_pending_bytes(int fd) {
#ifdef FIONREAD
    int count = 0;
    if (ioctl(fd, FIONREAD, &count) != 0) return -1;
    return count;
#else
    (void)fd;
    errno = ENOSYS;
    return -1;
#endif
}
