// Cleaning up after launchers that died: a launcher SIGKILLed before it could remove its
// "benchboard-<pid>" cgroup folder leaves the folder, and whatever its children left running in
// it. The next launcher, on entering a hierarchy, kills those leftovers and removes the folder
// (see cgroup.c for the layout).
#ifdef __linux__  // Linux-only, like the whole launcher (see main.c)

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroupfs.h"

/// Kills whatever is still in a cgroup whose launcher is gone: cgroup.kill where the file exists
/// (v2), else every pid listed in cgroup.procs (v1; a few rounds for processes that forked).
void kill_contents(const char *dir) {
    char path[PATH_CAP + 32];
    if (snprintf(path, sizeof path, "%s/cgroup.kill", dir) < (int)sizeof path && write_text(path, "1") == 0) return;
    for (int round = 0; round < 10; round++) {
        char text[4096];
        if (snprintf(path, sizeof path, "%s/cgroup.procs", dir) >= (int)sizeof path) return;
        if (read_small(path, text, sizeof text) <= 0) return;
        // Only whole lines: a number cut by the buffer's end would name some other process.
        for (char *p = text, *end; *p; p = end) {
            long pid = strtol(p, &end, 10);
            if (end == p || *end != '\n') break;
            if (pid > 0) kill((pid_t)pid, SIGKILL);
        }
    }
}

/// Whether `pid` is a running process. A zombie is not: a launcher SIGKILLed under a parent that
/// has not reaped it yet still answers kill(pid, 0), yet it will never clean up its folder. So
/// the state letter of /proc/<pid>/stat decides (the field after the ")" that ends the command
/// name, which may itself hold ")"): Z (zombie) and X (dead) are gone.
static int is_running(long pid) {
    char path[64], text[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    // Unreadable (gone, or hidden by hidepid): kill(pid, 0) tells a gone pid from a hidden one.
    if (read_small(path, text, sizeof text) <= 0) return kill((pid_t)pid, 0) == 0 || errno == EPERM;
    const char *close_paren = strrchr(text, ')');
    if (!close_paren || close_paren[1] != ' ') return 1;
    char state = close_paren[2];
    return state != 'Z' && state != 'X';
}

/// Cleans up "benchboard-<pid>" folders next to ours whose launcher is gone (SIGKILLed before it
/// could): what is still inside belongs to a dead run and is killed, then the folder removed.
/// Running pids are skipped, so a concurrent run and a folder its launcher has just made are safe.
void remove_stale_siblings(const char *parent) {
    DIR *dir = opendir(parent);
    if (!dir) return;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (strncmp(entry->d_name, "benchboard-", 11) != 0) continue;
        char *end;
        long pid = strtol(entry->d_name + 11, &end, 10);
        if (*end != '\0' || pid <= 0 || pid > INT_MAX) continue;
        if (is_running(pid)) continue;
        char path[PATH_CAP + 300];
        if (snprintf(path, sizeof path, "%s/%s", parent, entry->d_name) >= (int)sizeof path) continue;
        kill_contents(path);
        // Killed processes leave the cgroup as they exit: give them a moment.
        for (int i = 0; i < 100 && rmdir(path) != 0 && errno == EBUSY; i++) usleep(2000);
    }
    closedir(dir);
}
#endif
