// Running one request: each child spawned, watched for its deadline and for interrupts, reaped
// with its own rusage, its group killed and its escaped descendants reaped.
#ifdef __linux__  // Linux-only, like the whole launcher (see main.c)
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "launcher.h"
#include "relay.h"

enum phase { RUNNING, GRACE, KILLED };
enum { CHILD_DONE = 0, CHILD_INTERRUPTED = 1, CHILD_EOF = 2 };

/// A child that is still running after this long is announced with "S <pid>", so benchboard can
/// kill its group should the launcher die. Quicker children are not: benchboard's thread would
/// wake up once more per child for nothing (measurable on /bin/true x 1000 on 2 cores).
static const uint64_t ANNOUNCE_AFTER_NS = 2000000u;

struct watch {
    enum phase phase;
    int timed_out;
    int interrupted;
    uint64_t deadline;     // 0: none
    uint64_t announce_at;  // 0: already announced
};

static void set_timeout(struct timespec *ts, uint64_t ns) {
    ts->tv_sec = (time_t)(ns / 1000000000u);
    ts->tv_nsec = (long)(ns % 1000000000u);
}

static int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
    return (int)syscall(SYS_pidfd_open, pid, 0);
#else
    (void)pid;
    errno = ENOSYS;
    return -1;
#endif
}

/// Sends the request's kill signal to the child's group, then escalates to SIGKILL after grace.
static void escalate(struct watch *w, pid_t pgid, const struct request *req, uint64_t now) {
    if (w->phase == RUNNING) {
        kill(-pgid, req->kill_signal);
        w->phase = GRACE;
        w->deadline = now + (uint64_t)req->grace_ms * 1000000u;
    } else if (w->phase == GRACE) {
        kill(-pgid, SIGKILL);
        w->phase = KILLED;
        w->deadline = 0;
    }
}

/// Whether the child has exited (reapable), without reaping it.
static int has_exited(pid_t pid) {
    siginfo_t info;
    info.si_pid = 0;
    while (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) < 0) {
        if (errno != EINTR) return 1;
    }
    return info.si_pid == pid;
}

/// Waits until the child exits, handling the deadline, interrupts and benchboard's disappearance.
/// Returns CHILD_EOF when benchboard is gone (the group has then been killed).
static int watch_child(struct reader *in, pid_t pid, const struct request *req, struct watch *w) {
    int pidfd = open_pidfd(pid);
    int result = CHILD_DONE;
    for (;;) {
        uint64_t now = now_ns();
        if (w->deadline && now >= w->deadline) {
            if (w->phase == RUNNING) w->timed_out = 1;
            escalate(w, pid, req, now);
            continue;
        }
        if (w->announce_at && now >= w->announce_at) {
            w->announce_at = 0;
            if (report_line("S %ld", (long)pid) != 0) {
                kill(-pid, SIGKILL);
                result = CHILD_EOF;
                break;
            }
        }
        struct pollfd fds[2] = {{.fd = 0, .events = POLLIN}, {.fd = pidfd, .events = POLLIN}};
        uint64_t wake = w->deadline;
        if (w->announce_at && (!wake || w->announce_at < wake)) wake = w->announce_at;
        // Without a pidfd (old kernel), look at the child every millisecond.
        if (pidfd < 0 && (!wake || wake > now + 1000000u)) wake = now + 1000000u;
        struct timespec wait_for, *timeout = NULL;
        if (wake) {
            set_timeout(&wait_for, wake - now);
            timeout = &wait_for;
        }
        // TERM, HUP and INT are delivered only here (see relay.c) and passed on to the child's group.
        int n = ppoll(fds, pidfd >= 0 ? 2 : 1, timeout, &relay_mask);
        if (n < 0 && errno != EINTR) break;
        relay_signals(pid);
        if (pidfd >= 0 ? (n > 0 && (fds[1].revents & POLLIN)) : has_exited(pid)) break;
        if (n > 0 && fds[0].revents) {
            int commands = pump_commands(in);
            if (commands & CMD_EOF) {
                kill(-pid, SIGKILL);
                result = CHILD_EOF;
                break;
            }
            if ((commands & CMD_INTERRUPT) && !w->interrupted) {
                w->interrupted = 1;
                if (w->phase == RUNNING) escalate(w, pid, req, now_ns());
            }
        }
    }
    if (pidfd >= 0) close(pidfd);
    if (result == CHILD_DONE && w->interrupted) result = CHILD_INTERRUPTED;
    return result;
}

/// Which limit, if any, ended or hampered the child: 'm', 'p', 'c' or '-'.
static char limit_hit(const struct child_limits *limits, const struct limit_counters *before, int status,
                      const struct rusage *ru) {
    if (limits->watch_counters) {
        struct limit_counters after;
        cgroups_counters(&after);
        if (after.oom_kills > before->oom_kills) return 'm';
        if (after.pids_refused > before->pids_refused) return 'p';
    }
    if (limits->cpu_s && WIFSIGNALED(status)) {
        long cpu_s = ru->ru_utime.tv_sec + ru->ru_stime.tv_sec;
        if (WTERMSIG(status) == SIGXCPU || (WTERMSIG(status) == SIGKILL && cpu_s >= limits->cpu_s)) return 'c';
    }
    return '-';
}

/// Spawns, watches and reaps one child and reports it. Sets *success when it exited 0.
static int run_child(struct reader *in, const struct request *req, const struct child_limits *limits, int *success,
                     int *report_failed) {
    *success = 0;
    if (req->setup_errno) {
        if (report_later("X %d %c", req->setup_errno, req->setup_stage) != 0) *report_failed = 1;
        return CHILD_DONE;
    }
    pid_t pid;
    struct limit_counters before = {0, 0};
    if (limits->watch_counters) cgroups_counters(&before);
    discard_signals();
    const char *oom_adj = cgroups_usual_oom_adj();
    uint64_t start = now_ns();
    int err = needs_limited_spawn(limits, oom_adj)
        ? spawn_limited(&pid, req, limits, oom_adj)
        : posix_spawn(&pid, req->path, &req->actions, &req->attr, req->argv, req->envp);
    if (err != 0) {
        if (report_later("X %d s", err) != 0) *report_failed = 1;
        return CHILD_DONE;
    }
    struct watch w = {
        .phase = RUNNING, .timed_out = 0, .interrupted = 0, .deadline = 0, .announce_at = start + ANNOUNCE_AFTER_NS};
    if (req->timeout_ms > 0) w.deadline = start + (uint64_t)req->timeout_ms * 1000000u;
    int result = watch_child(in, pid, req, &w);
    // The leader is a zombie now, so its group id cannot be reused yet: kill what is left in it.
    kill(-pid, SIGKILL);
    int status = 0;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR) return CHILD_EOF;
    }
    uint64_t wall = now_ns() - start;
    reap_leftovers();
    if (result == CHILD_EOF) return CHILD_EOF;

    char how = 'x';
    int value = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
    if (w.timed_out) {
        how = 't';
        value = WIFSIGNALED(status) ? WTERMSIG(status) : req->kill_signal;
    } else if (WIFSIGNALED(status)) {
        how = 's';
        value = WTERMSIG(status);
    }
    *success = (how == 'x' && value == 0);
    char limit = limit_hit(limits, &before, status, &ru);
    if (report_later("F %c %d %llu %llu %llu %llu %llu %llu %llu %llu %c", how, value,
                    (unsigned long long)wall, (unsigned long long)ru.ru_maxrss * 1024u,
                    (unsigned long long)ru.ru_utime.tv_sec * 1000000u + (unsigned long long)ru.ru_utime.tv_usec,
                    (unsigned long long)ru.ru_stime.tv_sec * 1000000u + (unsigned long long)ru.ru_stime.tv_usec,
                    (unsigned long long)ru.ru_nvcsw, (unsigned long long)ru.ru_nivcsw,
                    (unsigned long long)ru.ru_minflt, (unsigned long long)ru.ru_majflt, limit) != 0)
        return CHILD_EOF;
    return result;
}

int run_batch(struct reader *in, const struct request *req, const struct cgroups *groups) {
    const char *status = "ok";
    unsigned long long baseline = 0, peak = 0;
    int measured = memcg_batch_start(&baseline) == 0;
    // A cgroup limit where the cgroup works, else the rlimit (the rule benchboard records).
    unsigned long long cgroup_memory = groups->memory && measured ? req->max_memory_bytes : 0;
    long cgroup_processes = groups->pids ? req->max_processes : 0;
    struct child_limits limits = {
        .cpu_s = req->max_cpu_s,
        .open_files = req->max_open_files,
        .data_bytes = cgroup_memory ? 0 : req->max_memory_bytes,
        .processes = cgroup_processes ? 0 : req->max_processes,
        .watch_counters = 0,
    };
    if (cgroup_memory || cgroup_processes) {
        cgroups_set_limits(cgroup_memory, baseline, cgroup_processes);
        limits.watch_counters = 1;
    }
    int eof = 0;
    for (long i = 0; i < req->iterations; i++) {
        if (take_commands(in) & CMD_INTERRUPT) {
            status = "interrupted";
            break;
        }
        int success = 0, report_failed = 0;
        int result = run_child(in, req, &limits, &success, &report_failed);
        if (result == CHILD_EOF || report_failed) {
            eof = 1;
            break;
        }
        if (result == CHILD_INTERRUPTED) {
            status = "interrupted";
            break;
        }
        if (!success && req->stop_on_failure && i + 1 < req->iterations) {
            status = "stopped";
            break;
        }
    }
    if (limits.watch_counters) cgroups_clear_limits();
    // The whole cgroup dies with the benchmark: anything that slipped past the per-child cleanup.
    if (cgroups_holds_others() && cgroups_kill_descendants() == 0) reap_leftovers();
    if (eof) return 1;
    if (measured && memcg_peak(&peak) == 0 && report_later("M %llu %llu", peak, baseline) != 0) return 1;
    return report_line("D %s", status) != 0;
}
#endif
