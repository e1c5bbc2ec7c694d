// Killing and reaping descendants that outlived their child: members of its process group that
// were reparented here, and those that left the group (setsid) and reached us as subreaper.
#ifdef __linux__  // Linux-only, like the whole launcher (see main.c)
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "launcher.h"

static void kill_process_and_group(pid_t pid) {
    // A setsid'ed descendant leads its own group: take its group down with it. A pid that leads
    // no group has no group of that id, so this cannot hit anyone else.
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
}

/// Fallback when /proc/self/task/<tid>/children is missing: every /proc/<pid>/stat whose parent is us.
static void kill_children_by_scan(pid_t self) {
    DIR *proc = opendir("/proc");
    if (!proc) return;
    struct dirent *entry;
    while ((entry = readdir(proc)) != NULL) {
        char *end;
        long pid = strtol(entry->d_name, &end, 10);
        if (*end != '\0' || pid <= 0) continue;
        char path[64], text[512];
        snprintf(path, sizeof path, "/proc/%ld/stat", pid);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        ssize_t n = read(fd, text, sizeof text - 1);
        close(fd);
        if (n <= 0) continue;
        text[n] = '\0';
        // The command name may hold spaces and parentheses: the state field follows the last ')'.
        char *paren = strrchr(text, ')');
        char state;
        long ppid;
        if (paren && sscanf(paren + 1, " %c %ld", &state, &ppid) == 2 && ppid == self)
            kill_process_and_group((pid_t)pid);
    }
    closedir(proc);
}

static void kill_children(void) {
    pid_t self = getpid();
    char path[64], list[1024];
    snprintf(path, sizeof path, "/proc/self/task/%ld/children", (long)self);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        kill_children_by_scan(self);
        return;
    }
    // The list is "pid pid pid " and may be longer than the buffer: a number cut by the buffer's
    // end is carried over to the next read, never taken as a pid of its own (which would name
    // some other process, or process group).
    size_t carried = 0;
    for (;;) {
        ssize_t n = read(fd, list + carried, sizeof list - 1 - carried);
        if (n <= 0) break;
        size_t length = carried + (size_t)n;
        list[length] = '\0';
        char *p = list;
        for (;;) {
            while (*p == ' ' || *p == '\n') p++;
            char *end;
            long pid = strtol(p, &end, 10);
            if (end == p) break;
            if (*end == '\0') break;  // maybe cut: keep for the next read
            if (pid > 0) kill_process_and_group((pid_t)pid);
            p = end;
        }
        carried = (size_t)(list + length - p);
        if (carried >= sizeof list / 2) carried = 0;  // not a number list any more
        memmove(list, p, carried);
    }
    // What is left at the end of the file is a whole number.
    list[carried] = '\0';
    char *end;
    long last = strtol(list, &end, 10);
    if (end != list && last > 0) kill_process_and_group((pid_t)last);
    close(fd);
}

void reap_leftovers(void) {
    uint64_t deadline = now_ns() + 2000000000u;
    long pause_ns = 50000;
    int cgroup_killed = 0;
    for (;;) {
        int status;
        pid_t r = waitpid(-1, &status, WNOHANG);
        if (r > 0) continue;
        if (r < 0) {
            if (errno == EINTR) continue;
            return;  // ECHILD: nothing is left
        }
        // Something we are parent of is still alive (or dying): make sure it dies. The cgroup
        // first, in one step (a fork bomb cannot outrun it), then by pid where there is none.
        if (!cgroup_killed) {
            cgroup_killed = 1;
            cgroups_kill_descendants();
        }
        kill_children();
        if (now_ns() > deadline) {
            static const char msg[] = "benchboard-launcher: a descendant refuses to die, leaving it\n";
            ssize_t ignored = write(2, msg, sizeof msg - 1);
            (void)ignored;
            return;
        }
        struct timespec pause = {0, pause_ns};
        nanosleep(&pause, NULL);
        if (pause_ns < 5000000) pause_ns *= 2;
    }
}
#endif
