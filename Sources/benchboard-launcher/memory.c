// Keeping the launcher's resident set, and so its peak, tiny.
//
// Every child is spawned with vfork semantics and so shares the launcher's memory until its exec;
// at exec the kernel records the peak RSS of the image being replaced, so the launcher's own peak
// becomes the floor of every child's ru_maxrss. SwiftPM links this C program against the Swift
// runtime and libstdc++, whose mapped pages alone make ~4.5 MB of RSS (measured); the launcher
// never calls into them. Dropping the page-table entries of clean, file-backed mappings is always
// safe (an access faults the page back in from the page cache), and resetting the peak afterwards
// brings the floor down to what the launcher really touches (well under 1 MB).
#ifdef __linux__  // Linux-only, like the whole launcher (see main.c)
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "launcher.h"

struct mapping {
    unsigned long start, end;
    int droppable;  // file-backed, not writable, and (so far) no private copy-on-write page
};

static void drop(const struct mapping *m) {
    if (m->droppable && m->end > m->start) madvise((void *)m->start, m->end - m->start, MADV_DONTNEED);
}

/// Parses one line of /proc/self/smaps, starting a new mapping or refining the current one.
static void smaps_line(const char *line, struct mapping *current) {
    unsigned long start, end, offset, inode;
    char perms[8], device[16];
    int path_at = 0;
    if (sscanf(line, "%lx-%lx %7s %lx %15s %lu %n", &start, &end, perms, &offset, device, &inode, &path_at) >= 6) {
        drop(current);
        current->start = start;
        current->end = end;
        // Writable or anonymous mappings hold data only this process has: never dropped.
        current->droppable = inode != 0 && perms[1] != 'w' && line[path_at] == '/';
        return;
    }
    unsigned long kib;
    // Relocated (RELRO) pages are private copies although read-only now: dropping them would
    // bring back the unrelocated file contents.
    if (sscanf(line, "Anonymous: %lu kB", &kib) == 1 && kib > 0) current->droppable = 0;
}

void shed_memory(void) {
    int fd = open("/proc/self/smaps", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        // Drop decisions are made only once a mapping's block is complete, and madvise does not
        // change the set of mappings, so reading while dropping is sound.
        char buf[2048];
        size_t have = 0;
        struct mapping current = {0, 0, 0};
        for (;;) {
            ssize_t n = read(fd, buf + have, sizeof buf - 1 - have);
            if (n <= 0) break;
            have += (size_t)n;
            buf[have] = '\0';
            char *line = buf, *nl;
            while ((nl = strchr(line, '\n')) != NULL) {
                *nl = '\0';
                smaps_line(line, &current);
                line = nl + 1;
            }
            have = (size_t)(buf + have - line);
            memmove(buf, line, have);
            if (have == sizeof buf - 1) have = 0;  // an absurdly long line: skip it
        }
        drop(&current);
        close(fd);
    }
    reset_peak();
}

void reset_peak(void) {
    int fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
    if (fd < 0) return;
    ssize_t ignored = write(fd, "5", 1);
    (void)ignored;
    close(fd);
}
#endif
