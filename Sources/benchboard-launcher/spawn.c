// Starting a child under rlimits: fork, set the limits in the child, exec.
//
// posix_spawn has no rlimit attribute. Setting the limits on the launcher itself around the spawn
// would limit the launcher (its own CPU time, data and descriptors), and a lowered hard limit cannot
// be raised again without CAP_SYS_RESOURCE. prlimit on the child after posix_spawn leaves a window:
// on a loaded machine the launcher may not run again until the child has opened all its files
// (measured: a 64-descriptor child finished before the limit arrived). So children of a batch with
// an rlimit (or whose oom_score_adj must be set, see cgroup.c) are forked, and the child sets its
// own limits, soft = hard, before exec: not one instruction of the benchmark runs without them.
// The child does what posix_spawn would (own process group, default handlers, empty mask, stdin
// from /dev/null, stdout and stderr on the pipes), and reports an exec failure's errno on a
// close-on-exec pipe. fork of this small process costs more than posix_spawn's vfork (part of the
// wall time of such children), which is why batches without limits keep posix_spawn.
#ifdef __linux__  // Linux-only, like the whole launcher (see main.c)
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launcher.h"

int needs_limited_spawn(const struct child_limits *limits, const char *oom_adj) {
    return limits->cpu_s || limits->open_files || limits->data_bytes || limits->processes || oom_adj;
}

static int limit(int resource, unsigned long long value, unsigned long long hard) {
    struct rlimit rl = {(rlim_t)value, (rlim_t)hard};
    return setrlimit(resource, &rl);
}

/// In the forked child: everything up to exec. Returns only on failure, with errno set.
static void become_child(const struct request *req, const struct child_limits *limits, const char *oom_adj) {
    setpgid(0, 0);
    // Ignored signals would survive exec, and the relay handler must not run here.
    for (int sig = 1; sig < NSIG; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP) continue;
        if (sigismember(&req->defaults, sig) || sig == SIGTERM || sig == SIGHUP || sig == SIGINT) signal(sig, SIG_DFL);
    }
    int in = req->dev_null >= 0 ? req->dev_null : open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (in < 0 || dup2(in, 0) < 0 || dup2(4, 1) < 0 || dup2(5, 2) < 0) return;
    // RLIMIT_CPU: SIGXCPU at the soft limit, SIGKILL one second later at the hard one.
    if (limits->cpu_s && limit(RLIMIT_CPU, (unsigned long long)limits->cpu_s, (unsigned long long)limits->cpu_s + 1) != 0) return;
    if (limits->open_files && limit(RLIMIT_NOFILE, (unsigned long long)limits->open_files, (unsigned long long)limits->open_files) != 0) return;
    if (limits->data_bytes && limit(RLIMIT_DATA, limits->data_bytes, limits->data_bytes) != 0) return;
    if (limits->processes && limit(RLIMIT_NPROC, (unsigned long long)limits->processes, (unsigned long long)limits->processes) != 0) return;
    if (oom_adj) {
        int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
        if (fd >= 0) {
            ssize_t ignored = write(fd, oom_adj, strlen(oom_adj));
            (void)ignored;
            close(fd);
        }
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(req->path, req->argv, req->envp);
}

int spawn_limited(pid_t *pid, const struct request *req, const struct child_limits *limits, const char *oom_adj) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return errno;
    // No handler may run in the child before it has reset them.
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, &old);
    pid_t child = fork();
    if (child == 0) {
        close(report[0]);
        become_child(req, limits, oom_adj);
        int failure = errno;
        ssize_t ignored = write(report[1], &failure, sizeof failure);
        (void)ignored;
        _exit(127);
    }
    int fork_errno = errno;
    sigprocmask(SIG_SETMASK, &old, NULL);
    close(report[1]);
    if (child < 0) {
        close(report[0]);
        return fork_errno;
    }
    // Also from here, so that no kill(-pid) of ours can come before the child's own call.
    setpgid(child, child);
    int failure = 0;
    ssize_t n;
    while ((n = read(report[0], &failure, sizeof failure)) < 0 && errno == EINTR) {}
    close(report[0]);
    if (n == (ssize_t)sizeof failure) {
        while (waitpid(child, NULL, 0) < 0 && errno == EINTR) {}
        return failure ? failure : EINVAL;
    }
    *pid = child;
    return 0;
}
#endif
