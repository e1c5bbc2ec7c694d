// benchboard-launcher: a tiny, long-lived fork server that starts every benchmark child.
//
// Why it exists: on Linux, exec records the peak RSS of the memory image it replaces, so a child
// spawned straight from a large benchboard process reports at least benchboard's own peak as its
// ru_maxrss. Children started from this small C process report their own peak instead. It is
// spawned once per run, so a batch of iterations costs one posix_spawn per child and nothing more.
//
// Arguments: none, or "--no-cgroups" to stay out of cgroups (limits are then rlimits only).
//
// File descriptors when benchboard starts it:
//   0  request stream (read; benchboard passes one end of a stream socket pair as both 0 and 1).
//      EOF means benchboard is gone: kill what runs and exit.
//   1  report stream (write).
//   2  benchboard's stderr, for the launcher's own diagnostics only.
//   3  write end of the result channel; every child inherits it as its fd 3.
//   4  write end of the children's stdout pipe (becomes the child's fd 1).
//   5  write end of the children's stderr pipe (becomes the child's fd 2).
// Every other descriptor is closed at start-up.
//
// Protocol (ASCII lines on 0 and 1; numbers in decimal):
//   launcher → "H 3 <launcher pid> <memcg 0|1> <pidscg 0|1> <kill dir>\n" once at start-up (protocol
//              version 3). <memcg> 1: the launcher runs in a memory cgroup of its own, every "D" line
//              is preceded by "M" and a memory limit is a cgroup limit. <pidscg> 1: a process limit is
//              a pids cgroup limit. <kill dir>: the rest of the line, the cgroup v2 folder holding
//              the launcher and everything it starts, or "-" when there is none; should the
//              launcher die, benchboard writes "1" to its cgroup.kill (see cgroup.c).
//   request  ← "R <iterations> <stop-on-failure 0|1> <timeout ms, 0 = none> <grace ms> <kill signal>
//               <argc> <envc> <has-cwd 0|1> <payload bytes> <max memory bytes> <max processes>
//               <max cpu s> <max open files>\n" (each limit 0 = none)
//              then exactly <payload bytes> bytes: argc, envc and has-cwd NUL-terminated strings,
//              in that order (argv, then the child's complete environment, then its working directory).
//              Limits: memory is the memory cgroup's limit for the batch when <memcg> is 1, else every
//              child's RLIMIT_DATA; processes is pids.max when <pidscg> is 1, else RLIMIT_NPROC (which
//              counts every process of the user, and which root ignores); cpu is RLIMIT_CPU (SIGXCPU at
//              the limit, SIGKILL a second later); open files is RLIMIT_NOFILE. A batch with any
//              rlimit starts its children with fork + exec instead of posix_spawn, setting the limits
//              (soft = hard) in the child before exec (see spawn.c).
//   request  ← "I\n": interrupt. While a batch runs: the current child's group gets the kill signal,
//              then SIGKILL after the grace period, and the batch stops. Ignored while idle.
//   report   → "S <pid>\n" once a child has run for 2 ms (its pid is also its process group id).
//   report   → "F <how> <value> <wall ns> <maxrss bytes> <user us> <system us> <nvcsw> <nivcsw>
//               <minflt> <majflt> <limit>\n" when a child has been reaped. <how>: 'x' exited with code
//              <value>, 's' killed by signal <value>, 't' timed out and ended by signal <value>.
//              <limit>: '-', or the limit the child hit: 'm' memory (an OOM kill in the memory cgroup),
//              'p' processes (a fork refused by pids.max), 'c' cpu (ended by SIGXCPU, or by SIGKILL
//              with its CPU time at the limit). An rlimit on memory, processes or files only makes
//              calls fail inside the child; the kernel keeps no count, so those are not reported.
//   report   → "X <errno> <stage>\n" when a child could not be started; stage 'p' = not found on
//              the request's PATH, 'c' = working directory unusable, 's' = posix_spawn failed.
//   report   → "M <peak bytes> <baseline bytes>\n" just before each "D" when <memcg> is 1: the peak
//              of the launcher's memory cgroup (cgroup v1 memory.max_usage_in_bytes) during the
//              batch, and what the cgroup held when the batch began (reset just before the first
//              child). The cgroup holds every child, grandchild and escaped descendant, the page
//              cache they caused and the launcher itself (well under 1 MB); page cache left by
//              earlier batches is part of the baseline, so <peak> - <baseline> is the batch's own.
//   report   → "D <ok|stopped|interrupted>\n" once the batch is over and nothing it started is left.
//   report   → "E <message>\n" for a malformed request (then the launcher exits with status 2).
//
// "F", "X" and "M" lines are held and sent together with the next "S", "D" or "E" line (or when 4 KiB
// are held), so benchboard wakes about once per batch of short children, not once per child.
// Nothing separates one child's output on the result channel from the next one's: a child that
// leaves its last line unterminated is followed directly by the next child's bytes, and readers
// split such glued JSON objects.
//
// The fork server of swift benchmarks (Sources/BenchIsolation/Linux/ForkServer.swift) speaks this
// protocol too, over named pipes instead of descriptors 0-5: "H" with <memcg> and <pidscg> 0 and no
// kill dir, no "M" lines, one child per "R" (its <iterations>, <stop-on-failure> and limits are
// ignored), "F" <limit> always '-', "X" stage 'c' from the child itself and 's' when fork failed.
// Its next child is forked ahead and reads the next "R" (skipping idle "I" lines) from the request
// pipe itself; on a pipe of its own it says "T" before each read of the request pipe, "W" after an
// idle "I", and once it has its request "A <start ns> <timeout ms> <grace ms> <kill signal>
// <interrupted 0|1> <-|m|c<errno>>" (see ChildAnnouncement.swift); only then does the server read
// the request pipe again, for "I" and end of file. A child that dies after "T" without "A" while
// the request pipe is empty took the request with it: the server reports its "F" and "D". So nothing wakes between
// benchboard's request and the benchmark's start; the server wakes once per child, at its exit
// (a pidfd). <wall ns> of its "F" runs from the child having its request to its reaping.
//
// Every child: own process group, empty signal mask and default handlers (benchboard's threads
// block signals and a child would inherit that), stdin from /dev/null, wall time from just before
// posix_spawn to after wait4 (like hyperfine), rusage from wait4 of that child alone. After each
// child its whole group is killed, and since the launcher is a child subreaper, grandchildren that
// left the group (setsid) are reparented here, killed and reaped before the next child starts;
// where the cgroup v2 folder exists, whatever outlived its child is first killed in one step
// through cgroup.kill (a fork bomb can outrun kill-by-pid), and again at the end of each batch.
//
// Lifetime: the launcher exits only on end of input (EOF on fd 0 says benchboard is gone, however
// it died), then kills what runs and leaves its cgroups. No PR_SET_PDEATHSIG, which fires when the
// *thread* that spawned us exits (any thread of a Swift process). SIGTERM, SIGHUP and SIGINT do
// not end it: a whole process group gets them (GNU timeout, a closed terminal, Ctrl-C, a cancelled
// CI job) and a launcher that died first would orphan the running child's setsid'ed descendants.
// They are caught (not ignored, so exec resets them in children), blocked except inside the
// ppoll that watches a child, and relayed to that child's process group; benchboard, which got
// the same signal, then sends "I". Signals that arrive while no child runs are dropped. SIGQUIT is
// ignored. The launcher's own peak RSS is kept small because it is the floor of every child's
// (see memory.c). Where cgroups are writable, the launcher moves itself into "benchboard-<pid>"
// folders at start-up and back out (removing them) when it exits (see cgroup.c).
//
// The launcher is Linux's: prctl, ppoll, cgroups, /proc. Elsewhere it builds (a package that
// depends on benchboard must build on macOS) into a program that says so; benchboard itself
// does not start it there (see IsolationPlatform.swift).
#ifdef __linux__
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "batch.h"
#include "launcher.h"
#include "relay.h"

int main(int argc, char **argv) {
    signal(SIGPIPE, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    catch_signals();
    for (int fd = 0; fd <= 5; fd++) {
        if (fcntl(fd, F_GETFD) < 0) {
            static const char usage[] =
                "benchboard-launcher: started without its descriptors 0-5; it is run by benchboard, not by hand\n";
            ssize_t ignored = write(2, usage, sizeof usage - 1);
            (void)ignored;
            return 2;
        }
    }
    close_from(6);
    // The request, report and pipe ends must not leak into children; fd 3 must.
    set_cloexec(0);
    set_cloexec(1);
    set_cloexec(4);
    set_cloexec(5);
    int flags = fcntl(3, F_GETFD);
    if (flags >= 0) fcntl(3, F_SETFD, flags & ~FD_CLOEXEC);
    // Grandchildren that escape their process group reparent to us instead of init.
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    // Children inherit the cgroups at spawn. Done before shedding memory, so that the library code
    // it ran does not stay resident.
    struct cgroups groups = {0, 0, 0, NULL};
    // "--no-cgroups": benchboard was asked to leave cgroups alone (BENCHBOARD_CGROUPS=0).
    if (!(argc > 1 && strcmp(argv[1], "--no-cgroups") == 0)) cgroups_enter(&groups);
    // Our peak RSS is the floor of every child's: keep it small (see memory.c).
    shed_memory();

    int dev_null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    struct reader in = {0};
    report_line("H 3 %ld %d %d %s", (long)getpid(), groups.memory, groups.pids, groups.kill ? groups.kill_dir : "-");
    for (;;) {
        struct request req;
        int rc = read_request(&in, &req, dev_null);
        if (rc == READ_EOF) break;
        if (rc == READ_BAD) {
            report_line("E malformed request");
            reap_leftovers();
            cgroups_leave();
            return 2;
        }
        // A large request may have raised our peak; it must not show up in the children's.
        reset_peak();
        int eof = run_batch(&in, &req, &groups);
        free_request(&req);
        if (eof) break;
    }
    reap_leftovers();
    cgroups_leave();
    return 0;
}

#else
#include <stdio.h>

int main(void) {
    fprintf(stderr, "benchboard-launcher: not supported on this platform: it needs Linux (prctl, ppoll, cgroups). "
                    "benchboard runs command benchmarks without it here.\n");
    return 2;
}
#endif
