// What cgroup.c and stale.c share: small reads and writes of cgroup files, and the path cap.

#ifndef BENCHBOARD_CGROUPFS_H
#define BENCHBOARD_CGROUPFS_H

#include <sys/types.h>

// Paths longer than this leave a feature off. Kept well under PATH_MAX: every stack page the
// start-up touches stays resident and raises every child's RSS floor.
enum { PATH_CAP = 512 };

/// Reads a small file whole into `buf` (NUL-terminated). Returns the length, or -1.
ssize_t read_small(const char *path, char *buf, size_t cap);

/// Writes `text` to the file at `path` in one write. 0 on success, -1 otherwise.
int write_text(const char *path, const char *text);

/// Kills whatever is still in the cgroup folder `dir` (stale.c).
void kill_contents(const char *dir);

/// Kills what is left in the "benchboard-<pid>" folders under `parent` whose launcher is no
/// longer running, and removes those folders (stale.c).
void remove_stale_siblings(const char *parent);

#endif
