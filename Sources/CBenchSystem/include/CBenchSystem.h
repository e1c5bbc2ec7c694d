// The few Linux calls Swift cannot make itself (variadic C functions are not imported).
#ifndef CBENCHSYSTEM_H
#define CBENCHSYSTEM_H

/// prctl(PR_SET_CHILD_SUBREAPER, 1): orphaned descendants are reparented to this process instead
/// of init. 0 on success, -1 (errno set) where the kernel refuses.
int cbench_set_child_subreaper(void);

/// Whether this process is a child subreaper: 1, 0, or -1 on error.
int cbench_is_child_subreaper(void);

#endif
