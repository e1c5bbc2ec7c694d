#define _GNU_SOURCE
#include "CBenchSystem.h"

#include <errno.h>

#ifdef __linux__
#include <sys/syscall.h>
#include <unistd.h>
#endif

// glibc 2.36 declares pidfd_open, older ones do not: the system call is made directly.
int cbench_pidfd_open(int pid) {
#if defined(__linux__) && defined(SYS_pidfd_open)
    return (int)syscall(SYS_pidfd_open, pid, 0);
#else
    (void)pid;
    errno = ENOSYS;
    return -1;
#endif
}
