// The few system calls Swift cannot make itself (variadic C functions are not imported). The
// subreaper is Linux's alone: elsewhere both of its functions fail with ENOSYS.
#ifndef CBENCHSYSTEM_H
#define CBENCHSYSTEM_H

#include <spawn.h>

/// prctl(PR_SET_CHILD_SUBREAPER, 1): orphaned descendants are reparented to this process instead
/// of init. 0 on success, -1 (errno set) where the kernel refuses.
int cbench_set_child_subreaper(void);

/// Whether this process is a child subreaper: 1, 0, or -1 on error.
int cbench_is_child_subreaper(void);

/// Installs a handler for each of `signals` that writes the signal's number (one byte) to a pipe,
/// and returns the pipe's read end (non-blocking, close-on-exec), or -1. A real handler, unlike
/// SIG_IGN plus signalfd, sees a signal whichever thread it is delivered to, whatever the other
/// threads block. Called again, it reuses the same pipe.
int cbench_signal_pipe(const int *signals, int count);

/// posix_spawn_file_actions_addchdir_np: the child starts in `path`. 0 or an errno value.
int cbench_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);

/// pidfd_open(pid, 0): a descriptor that polls readable once `pid` has exited and is waitable
/// (Linux 5.3 and later), close-on-exec. -1 with errno set (ENOSYS on older kernels and elsewhere).
int cbench_pidfd_open(int pid);

/// FIONREAD: how many bytes a pipe holds unread, or -1 with errno set.
int cbench_pending_bytes(int fd);

#endif
