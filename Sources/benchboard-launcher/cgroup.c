// The launcher's cgroups, where the machine offers writable ones: memory accounting and limits
// (cgroup v1 memory), a process-count limit (cgroup v1 pids) and killing a whole tree at once
// (cgroup v2 cgroup.kill). Every part is optional: what fails stays off, quietly, and the
// launcher works as before (rlimits and the subreaper take over; see batch.c and reap.c).
//
// Layout: in each hierarchy the launcher makes "benchboard-<pid>" under its own cgroup and moves
// itself in at start-up; children inherit every cgroup of their parent at fork, so each child,
// grandchild and setsid'ed descendant is in them too, whatever process group or session it makes.
//
// - memory (v1): rusage's max RSS is one process's own peak; the cgroup is charged for the whole
//   tree. After each batch the launcher reports the cgroup's peak; with max_memory_mb the batch
//   runs under memory.limit_in_bytes = what the cgroup held at the batch's start + the limit, and
//   an OOM kill inside the cgroup (memory.oom_control "oom_kill") is the memory limit being hit.
// - pids (v1): with max_processes, pids.max = the limit + 1 (the launcher itself is in the cgroup);
//   a refused fork (pids.events "max") is the process limit being hit.
// - v2: no controllers are enabled here, but every non-root v2 cgroup has cgroup.kill, which
//   SIGKILLs everything in it in one step, fork bombs included (no race with forks in flight). The
//   launcher must not be inside when that is written, so it moves out to its parent, kills, and
//   moves back in: two writes (about 25 us), done only when something outlived its child.
//
// Under a memory limit the cgroup's OOM killer picks the process with the most memory, and the
// launcher is in the cgroup too: among many small children it could be the one. So for such a
// batch the launcher lowers its own oom_score_adj to -999 (still killable, but last), and each child
// sets the usual value back between fork and exec (spawn.c). Lowering it takes CAP_SYS_RESOURCE;
// without it this is skipped.
//
// The v1 freezer is not used: cgroup.kill (Linux 5.14+) already ends a tree atomically, and where
// neither exists the subreaper's kill-by-pid rounds (reap.c) still converge on a bounded tree.
//
// Limits are written once per batch and reset after it, never per child: moving a process between
// cgroups costs ~10 us and the per-child path is what the isolation overhead is made of.
#ifdef __linux__  // Linux-only, like the whole launcher (see main.c)
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroupfs.h"
#include "launcher.h"


/// One hierarchy's pair of folders: the cgroup we started in and our own below it.
struct group {
    char parent[PATH_CAP];
    char own[PATH_CAP];
    int active;
};

// The launcher is single-threaded and has one set of cgroups for its whole life.
static struct group memory_group, pids_group, unified_group;
static int peak_fd = -1;       // memory.max_usage_in_bytes
static int limit_fd = -1;      // memory.limit_in_bytes
static int memsw_fd = -1;      // memory.memsw.limit_in_bytes (absent without swap accounting)
static int oom_fd = -1;        // memory.oom_control
static int pids_max_fd = -1;   // pids.max
static int pids_events_fd = -1;// pids.events
static int kill_fd = -1;       // cgroup.kill (v2)
static char usual_adj[16];     // our oom_score_adj while protected, "" when not protected

/// Reads a small file whole into `buf` (NUL-terminated). Returns the length, or -1.
ssize_t read_small(const char *path, char *buf, size_t cap) {
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

int write_text(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    size_t length = strlen(text);
    ssize_t n = write(fd, text, length);
    close(fd);
    return n == (ssize_t)length ? 0 : -1;
}

static int write_fd(int fd, const char *text) {
    if (fd < 0) return -1;
    size_t length = strlen(text);
    return pwrite(fd, text, length, 0) == (ssize_t)length ? 0 : -1;
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

/// Our cgroup's path inside a hierarchy ("/a/b"), from /proc/self/cgroup lines
/// "<id>:<controllers>:<path>"; `controller` NULL means the v2 line "0::<path>".
static int own_cgroup(const char *controller, char *path, size_t cap) {
    char text[2048];
    if (read_small("/proc/self/cgroup", text, sizeof text) <= 0) return -1;
    for (char *line = text, *next; *line; line = next) {
        char *nl = strchr(line, '\n');
        next = nl ? nl + 1 : line + strlen(line);
        if (nl) *nl = '\0';
        char *first = strchr(line, ':');
        char *second = first ? strchr(first + 1, ':') : NULL;
        if (!second) continue;
        size_t length = (size_t)(second - first - 1);
        if (controller ? !list_has(first + 1, length, controller) : (length != 0 || strncmp(line, "0:", 2) != 0))
            continue;
        if (strlen(second + 1) >= cap) return -1;
        strcpy(path, second + 1);
        return 0;
    }
    return -1;
}

/// Where a hierarchy is mounted, from /proc/self/mountinfo lines
/// "<id> <parent> <dev> <root> <mount point> <options> [tags] - <type> <source> <super options>":
/// the v1 one carrying `controller`, or (NULL) the cgroup2 one. Octal escapes in paths are not
/// decoded: such a mount point is not one we can use anyway.
static int mount_of(const char *controller, char *root, char *mount_point, size_t cap) {
    FILE *mounts = fopen("/proc/self/mountinfo", "re");
    if (!mounts) return -1;
    char line[PATH_CAP * 2];
    int found = -1;
    while (found != 0 && fgets(line, sizeof line, mounts)) {
        if (controller) {
            char *dash = strstr(line, " - cgroup ");
            if (!dash) continue;
            char *super = strrchr(dash + 10, ' ');
            if (!super) continue;
            super++;
            super[strcspn(super, "\n")] = '\0';
            if (!list_has(super, strlen(super), controller)) continue;
        } else if (!strstr(line, " - cgroup2 ")) {
            continue;
        }
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

static int open_in(const char *dir, const char *name, int flags) {
    char path[PATH_CAP + 32];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) return -1;
    return open(path, flags | O_CLOEXEC);
}

static int move_pid(const char *dir, long pid) {
    char path[PATH_CAP + 32], text[32];
    if (snprintf(path, sizeof path, "%s/cgroup.procs", dir) >= (int)sizeof path) return -1;
    snprintf(text, sizeof text, "%ld", pid);
    return write_text(path, text);
}

/// Makes our folder in one hierarchy and moves the launcher in. 1 on success.
static int enter(const char *controller, struct group *g) {
    char cgroup[PATH_CAP], root[PATH_CAP], mount_point[PATH_CAP];
    if (own_cgroup(controller, cgroup, sizeof cgroup) != 0 || mount_of(controller, root, mount_point, sizeof root) != 0)
        return 0;
    // Inside a cgroup namespace both paths are relative to the same root; otherwise the mount's
    // root must be a prefix of our path.
    size_t root_length = strcmp(root, "/") == 0 ? 0 : strlen(root);
    if (strncmp(cgroup, root, root_length) != 0 || (cgroup[root_length] != '/' && cgroup[root_length] != '\0'))
        return 0;
    const char *inside = cgroup + root_length;
    if (strcmp(inside, "/") == 0) inside = "";
    if (snprintf(g->parent, sizeof g->parent, "%s%s", mount_point, inside) >= (int)sizeof g->parent) return 0;
    // A path with a newline could not be reported on one line (the greeting carries the v2 one).
    if (strchr(g->parent, '\n') || access(g->parent, W_OK) != 0) return 0;
    remove_stale_siblings(g->parent);
    if (snprintf(g->own, sizeof g->own, "%s/benchboard-%ld", g->parent, (long)getpid()) >= (int)sizeof g->own)
        return 0;
    if (mkdir(g->own, 0755) != 0 && errno != EEXIST) return 0;
    g->active = 1;
    return 1;
}

static void leave(struct group *g) {
    if (!g->active) return;
    move_pid(g->parent, (long)getpid());
    // Anything still inside is a leftover of ours (the launcher is out now).
    kill_contents(g->own);
    for (int i = 0; i < 100 && rmdir(g->own) != 0 && errno == EBUSY; i++) usleep(2000);
    g->active = 0;
}

static void close_fd(int *fd) {
    if (*fd >= 0) close(*fd);
    *fd = -1;
}

int cgroups_enter(struct cgroups *found) {
    memset(found, 0, sizeof *found);
    if (enter("memory", &memory_group)) {
        peak_fd = open_in(memory_group.own, "memory.max_usage_in_bytes", O_RDWR);
        limit_fd = open_in(memory_group.own, "memory.limit_in_bytes", O_RDWR);
        memsw_fd = open_in(memory_group.own, "memory.memsw.limit_in_bytes", O_RDWR);
        oom_fd = open_in(memory_group.own, "memory.oom_control", O_RDONLY);
        if (peak_fd < 0 || limit_fd < 0 || move_pid(memory_group.own, (long)getpid()) != 0) leave(&memory_group);
        found->memory = memory_group.active;
    }
    if (enter("pids", &pids_group)) {
        pids_max_fd = open_in(pids_group.own, "pids.max", O_RDWR);
        pids_events_fd = open_in(pids_group.own, "pids.events", O_RDONLY);
        if (pids_max_fd < 0 || pids_events_fd < 0 || move_pid(pids_group.own, (long)getpid()) != 0) leave(&pids_group);
        found->pids = pids_group.active;
    }
    if (enter(NULL, &unified_group)) {
        kill_fd = open_in(unified_group.own, "cgroup.kill", O_WRONLY);
        if (kill_fd < 0 || move_pid(unified_group.own, (long)getpid()) != 0) leave(&unified_group);
        found->kill = unified_group.active;
        if (found->kill) found->kill_dir = unified_group.own;
    }
    // stdio and opendir left freed heap pages resident; they would raise every child's RSS floor.
    malloc_trim(0);
    return 0;
}

void cgroups_leave(void) {
    close_fd(&peak_fd);
    close_fd(&limit_fd);
    close_fd(&memsw_fd);
    close_fd(&oom_fd);
    close_fd(&pids_max_fd);
    close_fd(&pids_events_fd);
    close_fd(&kill_fd);
    leave(&memory_group);
    leave(&pids_group);
    leave(&unified_group);
}

int cgroups_kill_descendants(void) {
    if (kill_fd < 0 || !unified_group.active) return -1;
    pid_t self = getpid();
    if (move_pid(unified_group.parent, (long)self) != 0) return -1;
    int rc = write_fd(kill_fd, "1");
    // Back in, so the next child is born inside again. Should that fail, the feature is off.
    if (move_pid(unified_group.own, (long)self) != 0) close_fd(&kill_fd);
    return rc;
}

int cgroups_holds_others(void) {
    if (!unified_group.active) return 0;
    char path[PATH_CAP + 32], text[256];
    if (snprintf(path, sizeof path, "%s/cgroup.procs", unified_group.own) >= (int)sizeof path) return 0;
    if (read_small(path, text, sizeof text) <= 0) return 0;
    long self = (long)getpid();
    for (char *p = text, *end; *p; p = end) {
        long pid = strtol(p, &end, 10);
        if (end == p) break;
        if (pid != self) return 1;
    }
    return 0;
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

/// The number after `key` in a "key value" lines file such as memory.oom_control or pids.events.
static unsigned long long keyed_counter(int fd, const char *key) {
    char text[512];
    if (fd < 0) return 0;
    ssize_t n = pread(fd, text, sizeof text - 1, 0);
    if (n <= 0) return 0;
    text[n] = '\0';
    size_t key_length = strlen(key);
    for (char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, key, key_length) == 0 && line[key_length] == ' ') return strtoull(line + key_length + 1, NULL, 10);
    }
    return 0;
}

void cgroups_counters(struct limit_counters *counters) {
    counters->oom_kills = keyed_counter(oom_fd, "oom_kill");
    counters->pids_refused = keyed_counter(pids_events_fd, "max");
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

/// Lowers our oom_score_adj for a memory-limited batch, remembering the usual value.
static void protect_launcher(void) {
    char text[16];
    if (read_small("/proc/self/oom_score_adj", text, sizeof text) <= 0) return;
    text[strcspn(text, "\n")] = '\0';
    if (write_text("/proc/self/oom_score_adj", "-999") == 0) strcpy(usual_adj, text);
}

const char *cgroups_usual_oom_adj(void) {
    return usual_adj[0] ? usual_adj : NULL;
}

int cgroups_set_limits(unsigned long long memory_bytes, unsigned long long baseline, long processes) {
    int rc = 0;
    if (memory_bytes) {
        protect_launcher();
        char text[32];
        snprintf(text, sizeof text, "%llu", baseline + memory_bytes);
        // Lowering from unlimited: the memory limit first, then memory+swap (which may not be below it).
        rc |= write_fd(limit_fd, text);
        if (memsw_fd >= 0) write_fd(memsw_fd, text);
    }
    if (processes > 0) {
        char text[32];
        snprintf(text, sizeof text, "%ld", processes + 1);
        rc |= write_fd(pids_max_fd, text);
    }
    return rc;
}

void cgroups_clear_limits(void) {
    if (usual_adj[0]) {
        write_text("/proc/self/oom_score_adj", usual_adj);
        usual_adj[0] = '\0';
    }
    // Raising: memory+swap first, as it may not be below the memory limit.
    if (memsw_fd >= 0) write_fd(memsw_fd, "-1");
    if (limit_fd >= 0) write_fd(limit_fd, "-1");
    if (pids_max_fd >= 0) write_fd(pids_max_fd, "max");
}
#endif
