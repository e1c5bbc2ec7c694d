// bench-fixture: a program that misbehaves on request, for the isolation tests.
//
//   sleep MS                      sleep, then exit 0
//   hog MIB                       allocate MIB MiB, touch every page, exit 0
//   burn MS                       spin on the CPU for MS of wall time
//   segv                          die of SIGSEGV
//   exit CODE MESSAGE             print MESSAGE on stderr, exit CODE
//   ignore-term MS                ignore SIGTERM, then sleep
//   fork-grandchildren N MS [setsid] [wait]
//                                 fork N grandchildren that sleep MS and print their pids on stdout;
//                                 with "setsid" the first one leaves the process group; with "wait"
//                                 the parent sleeps MS too instead of exiting at once
//   family FILE N MS              fork N grandchildren that each call setsid() (leaving the group
//                                 and session) and sleep MS; every process appends its pid to FILE
//                                 (one line each) and the parent sleeps MS too
//   bomb FILE DEPTH MS            a bounded setsid fork bomb: every process leaves its session,
//                                 appends its pid to FILE and forks two more until DEPTH levels
//                                 (2^(DEPTH+1) - 1 processes), then sleeps MS; forks that fail are
//                                 counted in FILE as "refused" lines and otherwise ignored
//   term-ignoring FILE MS         append its pid to FILE, ignore SIGTERM, SIGHUP and SIGINT, sleep MS
//   fds N                         open /dev/null N times; exit 1 at the first failure
//   flood MIB                     write MIB MiB on stdout
//   fd3 N                         write N result lines on the fd named in BENCHBOARD_RESULT_FD
//   env                           print the environment, one variable a line
//   loop N                        add up N numbers in a loop (a known amount of work, for
//                                 instruction counting), exit 0
//   true                          exit 0
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {}
}

static long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int hog(long mib) {
    size_t size = (size_t)mib << 20;
    unsigned char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return 1;
    long page = sysconf(_SC_PAGESIZE);
    for (size_t i = 0; i < size; i += (size_t)page) p[i] = (unsigned char)i | 1;
    return p[size / 2] == 0;
}

static int burn(long ms) {
    long end = now_ms() + ms;
    volatile unsigned long x = 1;
    while (now_ms() < end)
        for (int i = 0; i < 100000; i++) x = x * 6364136223846793005UL + 1;
    return x == 0;
}

static int fork_grandchildren(int n, long ms, int escape, int wait) {
    int ready[2];
    if (pipe(ready) != 0) return 1;
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0) return 1;
        if (pid == 0) {
            if (escape && i == 0) setsid();
            char byte = 1;
            if (write(ready[1], &byte, 1) != 1) _exit(1);
            sleep_ms(ms);
            _exit(0);
        }
        printf("%ld\n", (long)pid);
    }
    fflush(stdout);
    // Do not return before every grandchild is where it wants to be (out of the group, say).
    for (int i = 0; i < n; i++) {
        char byte;
        if (read(ready[0], &byte, 1) != 1) return 1;
    }
    if (wait) sleep_ms(ms);
    return 0;
}

static void note_pid(const char *file, const char *what) {
    int fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return;
    dprintf(fd, "%s%ld\n", what, (long)getpid());
    close(fd);
}

static int family(const char *file, int n, long ms) {
    note_pid(file, "");
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0) return 1;
        if (pid == 0) {
            setsid();
            note_pid(file, "");
            sleep_ms(ms);
            _exit(0);
        }
    }
    sleep_ms(ms);
    return 0;
}

static void bomb(const char *file, int depth, long ms) {
    note_pid(file, "");
    for (int level = depth; level > 0; level--) {
        // Each process forks two: the first child carries on the tree, the parent keeps forking.
        int forked = 0;
        for (int i = 0; i < 2; i++) {
            pid_t pid = fork();
            if (pid < 0) {
                note_pid(file, "refused ");
                continue;
            }
            if (pid == 0) {
                setsid();
                note_pid(file, "");
                forked = -1;
                break;
            }
            forked++;
        }
        if (forked >= 0) break;  // the parent of this level is done forking
    }
    sleep_ms(ms);
}

static int term_ignoring(const char *file, long ms) {
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    signal(SIGINT, SIG_IGN);
    note_pid(file, "");
    sleep_ms(ms);
    return 0;
}

static int open_files(long n) {
    for (long i = 0; i < n; i++) {
        if (open("/dev/null", O_RDONLY) < 0) {
            perror("bench-fixture: open");
            return 1;
        }
    }
    return 0;
}

static int flood(long mib) {
    static char block[65536];
    memset(block, 'x', sizeof block);
    block[sizeof block - 1] = '\n';
    for (long i = 0; i < mib * 16; i++) {
        size_t done = 0;
        while (done < sizeof block) {
            ssize_t w = write(1, block + done, sizeof block - done);
            if (w <= 0) return 1;
            done += (size_t)w;
        }
    }
    return 0;
}

static int fd3(int n) {
    const char *name = getenv("BENCHBOARD_RESULT_FD");
    if (!name) return 2;
    FILE *out = fdopen(atoi(name), "w");
    if (!out) return 3;
    for (int i = 0; i < n; i++) {
        if (i % 2 == 0) fprintf(out, "{\"sampleNs\":%d}\n", 1000 + i);
        else fprintf(out, "{\"samplesNs\":[%d,%d]}\n", 2000 + i, 3000 + i);
    }
    return fclose(out) != 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: bench-fixture MODE [ARGS...]\n");
        return 2;
    }
    const char *mode = argv[1];
    long a = argc > 2 ? atol(argv[2]) : 0;
    long b = argc > 3 ? atol(argv[3]) : 0;
    if (strcmp(mode, "sleep") == 0) { sleep_ms(a); return 0; }
    if (strcmp(mode, "hog") == 0) return hog(a);
    if (strcmp(mode, "burn") == 0) return burn(a);
    if (strcmp(mode, "segv") == 0) {
        // SwiftPM links this program with the Swift runtime, whose crash backtracer would catch the
        // signal and exit 1 instead: die the plain way.
        signal(SIGSEGV, SIG_DFL);
        raise(SIGSEGV);
        return 1;
    }
    if (strcmp(mode, "exit") == 0) {
        if (argc > 3) fprintf(stderr, "%s\n", argv[3]);
        return (int)a;
    }
    if (strcmp(mode, "ignore-term") == 0) { signal(SIGTERM, SIG_IGN); sleep_ms(a); return 0; }
    if (strcmp(mode, "fork-grandchildren") == 0) {
        int escape = 0, wait = 0;
        for (int i = 4; i < argc; i++) {
            if (strcmp(argv[i], "setsid") == 0) escape = 1;
            if (strcmp(argv[i], "wait") == 0) wait = 1;
        }
        return fork_grandchildren((int)a, b, escape, wait);
    }
    if (strcmp(mode, "family") == 0 && argc > 4) return family(argv[2], (int)b, atol(argv[4]));
    if (strcmp(mode, "bomb") == 0 && argc > 4) {
        bomb(argv[2], (int)b, atol(argv[4]));
        return 0;
    }
    if (strcmp(mode, "term-ignoring") == 0 && argc > 3) return term_ignoring(argv[2], b);
    if (strcmp(mode, "fds") == 0) return open_files(a);
    if (strcmp(mode, "flood") == 0) return flood(a);
    if (strcmp(mode, "fd3") == 0) return fd3((int)a);
    if (strcmp(mode, "env") == 0) {
        for (char **e = environ; *e; e++) puts(*e);
        return 0;
    }
    if (strcmp(mode, "loop") == 0) {
        volatile long sum = 0;
        for (long i = 0; i < a; i++) sum += i;
        return sum < 0;
    }
    if (strcmp(mode, "true") == 0) return 0;
    fprintf(stderr, "bench-fixture: unknown mode %s\n", mode);
    return 2;
}
