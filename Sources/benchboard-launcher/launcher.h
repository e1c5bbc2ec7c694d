// Shared declarations of the launcher's parts; the protocol is described at the top of main.c.
#ifndef BENCHBOARD_LAUNCHER_H
#define BENCHBOARD_LAUNCHER_H

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

// batch.c
int run_batch(struct reader *in, const struct request *req);

// reap.c
void reap_leftovers(void);

// memcg.c
/// Moves the launcher into a memory cgroup of its own; 1 when that worked, 0 (silently) if not.
int memcg_enter(void);
/// Moves the launcher back and removes its cgroup. Harmless when memcg_enter failed.
void memcg_leave(void);
/// Resets the cgroup's peak and reads what it holds now. -1 when unavailable.
int memcg_batch_start(unsigned long long *baseline);
/// The cgroup's peak since the last memcg_batch_start. -1 when unavailable.
int memcg_peak(unsigned long long *peak);

// memory.c
void shed_memory(void);
void reset_peak(void);

#endif
