// Shared declarations of the launcher's parts; the protocol is described at the top of main.c.
// The signal relay (relay.h) and the batch runner (batch.h) have headers of their own.
#ifndef BENCHBOARD_LAUNCHER_H
#define BENCHBOARD_LAUNCHER_H

#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/// Buffered reader of the request stream. Small on purpose: the launcher's own peak RSS is what
/// every child inherits as the floor of its ru_maxrss.
struct reader {
    char buf[512];
    size_t start;
    size_t end;
};

enum { READ_OK = 0, READ_EOF = 1, READ_BAD = 2 };
enum { CMD_INTERRUPT = 1, CMD_EOF = 2 };

/// One decoded "R" request, prepared once for all its iterations.
struct request {
    long iterations;
    int stop_on_failure;
    long timeout_ms;
    long grace_ms;
    int kill_signal;
    unsigned long long max_memory_bytes;  // 0: none (cgroup limit when memory cgroup, else RLIMIT_DATA)
    long max_processes;                   // 0: none (pids cgroup, else RLIMIT_NPROC)
    long max_cpu_s;                       // 0: none (RLIMIT_CPU)
    long max_open_files;                  // 0: none (RLIMIT_NOFILE)
    char *payload;
    char **argv;
    char **envp;
    const char *cwd;
    char *path;        // the executable to spawn (argv[0] resolved on the request's PATH)
    int setup_errno;   // non-zero: nothing can be started (not found, bad working directory)
    char setup_stage;  // 'p' or 'c' when setup_errno is set
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    int prepared;
    int dev_null;          // for the fork path's stdin
    sigset_t defaults;     // signals the launcher ignores: a child gets them back at default
};

/// The batch's limits that are rlimits of each child (see the protocol in main.c).
struct child_limits {
    long cpu_s;
    long open_files;
    unsigned long long data_bytes;
    long processes;
    int watch_counters;  // a cgroup limit is on: compare its counters before and after each child
};

// io.c
/// Sends a report line now, after any held ones.
int report_line(const char *format, ...) __attribute__((format(printf, 1, 2)));
/// Holds a report line until the next report_line or until the buffer is full.
int report_later(const char *format, ...) __attribute__((format(printf, 1, 2)));
void set_cloexec(int fd);
void close_from(int first);
uint64_t now_ns(void);
int read_line(struct reader *in, char *line, size_t cap);
int read_exact(struct reader *in, char *dst, size_t n);
int take_commands(struct reader *in);
int pump_commands(struct reader *in);

// request.c
int read_request(struct reader *in, struct request *req, int dev_null);
void free_request(struct request *req);

// spawn.c
/// fork + exec of one child with rlimits (and oom_score_adj `oom_adj`, unless NULL) set before exec.
/// Returns 0 or the errno of what failed, like posix_spawn.
int spawn_limited(pid_t *pid, const struct request *req, const struct child_limits *limits, const char *oom_adj);
/// Whether a child needs spawn_limited rather than posix_spawn.
int needs_limited_spawn(const struct child_limits *limits, const char *oom_adj);

// reap.c
void reap_leftovers(void);

// cgroup.c
/// Which cgroups the launcher runs in (each 0 when the machine offers no writable one).
struct cgroups {
    int memory;            // v1 memory: accounting and max_memory_mb
    int pids;              // v1 pids: max_processes
    int kill;              // v2: cgroup.kill
    const char *kill_dir;  // the v2 folder, for benchboard to kill should the launcher die
};
/// Counters that say a cgroup limit was hit.
struct limit_counters {
    unsigned long long oom_kills;
    unsigned long long pids_refused;
};
/// Moves the launcher into cgroups of its own wherever it can.
int cgroups_enter(struct cgroups *found);
/// Moves the launcher back, kills what is left inside and removes its folders.
void cgroups_leave(void);
/// SIGKILLs every process in the launcher's v2 cgroup but the launcher. -1 when unavailable.
int cgroups_kill_descendants(void);
/// Whether the v2 cgroup holds any process but the launcher.
int cgroups_holds_others(void);
void cgroups_counters(struct limit_counters *counters);
/// The batch's memory limit (above `baseline`) and process limit; 0 leaves one off.
int cgroups_set_limits(unsigned long long memory_bytes, unsigned long long baseline, long processes);
void cgroups_clear_limits(void);
/// The launcher's usual oom_score_adj while it protects itself under a memory limit, else NULL:
/// each child gets it back before exec (see cgroup.c).
const char *cgroups_usual_oom_adj(void);
/// Resets the cgroup's peak and reads what it holds now. -1 when unavailable.
int memcg_batch_start(unsigned long long *baseline);
/// The cgroup's peak since the last memcg_batch_start. -1 when unavailable.
int memcg_peak(unsigned long long *peak);

// memory.c
void shed_memory(void);
void reset_peak(void);

#endif
