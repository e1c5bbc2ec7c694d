// Memory accounting through a cgroup v1 memory controller, where the machine offers one.
//
// rusage's max RSS is one process's own peak: a shell that starts two memory-hungry
// grandchildren reports a few hundred KiB. A memory cgroup is charged for every process in it,
// and children inherit their parent's cgroup at fork, so a cgroup holding the launcher holds the
// benchmark's whole process tree. At start-up the launcher makes "benchboard-<pid>" under its own
// memory cgroup and moves itself in; after each batch it reports the cgroup's peak. This is an
// extra: anything that fails leaves the feature off, quietly, and the launcher works as before.
//
// The cost is kept off the per-child path: one write and two reads per batch, nothing per child.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "launcher.h"

// Paths longer than this leave the feature off. Kept well under PATH_MAX: every stack page the
// start-up touches stays resident and raises every child's RSS floor.
enum { PATH_CAP = 512 };

// The launcher is single-threaded and has one cgroup for its whole life.
static char parent_dir[PATH_CAP];
static char own_dir[PATH_CAP];
static int peak_fd = -1;  // memory.max_usage_in_bytes of own_dir

/// Reads a small file whole into `buf` (NUL-terminated). Returns the length, or -1.
static ssize_t read_small(const char *path, char *buf, size_t cap) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    size_t have = 0;
    while (have + 1 < cap) {
        ssize_t n = read(fd, buf + have, cap - 1 - have);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        have += (size_t)n;
    }
    close(fd);
    buf[have] = '\0';
    return (ssize_t)have;
}

static int write_text(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    size_t length = strlen(text);
    ssize_t n = write(fd, text, length);
    close(fd);
    return n == (ssize_t)length ? 0 : -1;
}

/// Whether the comma-separated `list` (not NUL-terminated, `length` bytes) holds `word`.
static int list_has(const char *list, size_t length, const char *word) {
    size_t word_length = strlen(word);
    const char *end = list + length;
    while (list < end) {
        const char *comma = memchr(list, ',', (size_t)(end - list));
        const char *stop = comma ? comma : end;
        if ((size_t)(stop - list) == word_length && memcmp(list, word, word_length) == 0) return 1;
        list = stop + 1;
    }
    return 0;
}

/// Our memory cgroup's path inside its hierarchy ("/a/b"), from /proc/self/cgroup lines
/// "<id>:<controllers>:<path>". Returns 0 when found.
static int own_cgroup(char *path, size_t cap) {
    char text[2048];
    if (read_small("/proc/self/cgroup", text, sizeof text) <= 0) return -1;
    for (char *line = text, *next; *line; line = next) {
        char *nl = strchr(line, '\n');
        next = nl ? nl + 1 : line + strlen(line);
        if (nl) *nl = '\0';
        char *first = strchr(line, ':');
        char *second = first ? strchr(first + 1, ':') : NULL;
        if (!second || !list_has(first + 1, (size_t)(second - first - 1), "memory")) continue;
        if (strlen(second + 1) >= cap) return -1;
        strcpy(path, second + 1);
        return 0;
    }
    return -1;
}

/// Where the v1 memory hierarchy is mounted, from /proc/self/mountinfo lines
/// "<id> <parent> <dev> <root> <mount point> <options> [tags] - cgroup <source> <super options>".
/// Octal escapes in paths are not decoded: such a mount point is not one we can use anyway.
static int memory_mount(char *root, char *mount_point, size_t cap) {
    FILE *mounts = fopen("/proc/self/mountinfo", "re");
    if (!mounts) return -1;
    char line[PATH_CAP * 2];
    int found = -1;
    while (found != 0 && fgets(line, sizeof line, mounts)) {
        char *dash = strstr(line, " - cgroup ");
        if (!dash) continue;
        char *super = strrchr(dash + 10, ' ');
        if (!super) continue;
        super++;
        super[strcspn(super, "\n")] = '\0';
        if (!list_has(super, strlen(super), "memory")) continue;
        char mount_root[PATH_CAP], point[PATH_CAP];
        if (sscanf(line, "%*s %*s %*s %511s %511s", mount_root, point) != 2) continue;
        if (strlen(mount_root) >= cap || strlen(point) >= cap) continue;
        strcpy(root, mount_root);
        strcpy(mount_point, point);
        found = 0;
    }
    fclose(mounts);
    return found;
}

/// Removes empty "benchboard-<pid>" folders next to ours whose launcher is gone (killed before it
/// could clean up). rmdir refuses a cgroup that still holds processes, so this cannot hurt a live
/// run; skipping live pids also keeps us from removing a folder its launcher has just made.
static void remove_stale_siblings(void) {
    DIR *dir = opendir(parent_dir);
    if (!dir) return;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (strncmp(entry->d_name, "benchboard-", 11) != 0) continue;
        char *end;
        long pid = strtol(entry->d_name + 11, &end, 10);
        if (*end != '\0' || pid <= 0 || pid > INT_MAX) continue;
        if (kill((pid_t)pid, 0) == 0 || errno == EPERM) continue;
        char path[PATH_CAP + 300];
        if (snprintf(path, sizeof path, "%s/%s", parent_dir, entry->d_name) < (int)sizeof path) rmdir(path);
    }
    closedir(dir);
}

static int move_self(const char *dir) {
    char path[PATH_CAP + 32], pid[32];
    if (snprintf(path, sizeof path, "%s/cgroup.procs", dir) >= (int)sizeof path) return -1;
    snprintf(pid, sizeof pid, "%ld", (long)getpid());
    return write_text(path, pid);
}

static int open_in(const char *dir, const char *name, int flags) {
    char path[PATH_CAP + 32];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) return -1;
    return open(path, flags | O_CLOEXEC);
}

static int enter(void) {
    char cgroup[PATH_CAP], root[PATH_CAP], mount_point[PATH_CAP];
    if (own_cgroup(cgroup, sizeof cgroup) != 0 || memory_mount(root, mount_point, sizeof root) != 0) return 0;
    // Inside a cgroup namespace both paths are relative to the same root; otherwise the mount's
    // root must be a prefix of our path.
    size_t root_length = strcmp(root, "/") == 0 ? 0 : strlen(root);
    if (strncmp(cgroup, root, root_length) != 0 || (cgroup[root_length] != '/' && cgroup[root_length] != '\0'))
        return 0;
    const char *inside = cgroup + root_length;
    if (strcmp(inside, "/") == 0) inside = "";
    if (snprintf(parent_dir, sizeof parent_dir, "%s%s", mount_point, inside) >= (int)sizeof parent_dir) return 0;
    if (access(parent_dir, W_OK) != 0) return 0;
    remove_stale_siblings();
    if (snprintf(own_dir, sizeof own_dir, "%s/benchboard-%ld", parent_dir, (long)getpid()) >= (int)sizeof own_dir)
        return 0;
    if (mkdir(own_dir, 0755) != 0 && errno != EEXIST) return 0;
    peak_fd = open_in(own_dir, "memory.max_usage_in_bytes", O_RDWR);
    if (peak_fd < 0 || move_self(own_dir) != 0) {
        memcg_leave();
        return 0;
    }
    return 1;
}

int memcg_enter(void) {
    int entered = enter();
    // stdio and opendir left freed heap pages resident; they would raise every child's RSS floor.
    malloc_trim(0);
    return entered;
}

void memcg_leave(void) {
    if (peak_fd >= 0) close(peak_fd);
    peak_fd = -1;
    if (!own_dir[0]) return;
    move_self(parent_dir);
    rmdir(own_dir);
    own_dir[0] = '\0';
}

static int read_number(int fd, unsigned long long *value) {
    char text[32];
    ssize_t n = pread(fd, text, sizeof text - 1, 0);
    if (n <= 0) return -1;
    text[n] = '\0';
    char *end;
    errno = 0;
    *value = strtoull(text, &end, 10);
    return (errno || end == text) ? -1 : 0;
}

int memcg_batch_start(unsigned long long *baseline) {
    if (peak_fd < 0) return -1;
    // Writing 0 sets the peak to the current usage, which is then the batch's baseline: nothing
    // runs between the two calls but this idle launcher.
    if (pwrite(peak_fd, "0", 1, 0) != 1) return -1;
    return read_number(peak_fd, baseline);
}

int memcg_peak(unsigned long long *peak) {
    if (peak_fd < 0) return -1;
    return read_number(peak_fd, peak);
}
