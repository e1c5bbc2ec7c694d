// Decoding an "R" request and preparing what every iteration of it shares: the resolved
// executable, the spawn attributes and the file actions.
#ifdef __linux__  // Linux-only, like the whole launcher (see main.c)
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "launcher.h"

enum { MAX_PAYLOAD = 64 * 1024 * 1024, MAX_STRINGS = 1 << 20 };

/// Joins up to three path parts with '/'; NULL parts are skipped. Returns malloc'd memory.
static char *join_path(const char *a, const char *b, const char *c) {
    size_t len = (a ? strlen(a) + 1 : 0) + (b ? strlen(b) + 1 : 0) + strlen(c) + 1;
    char *out = malloc(len);
    if (!out) return NULL;
    out[0] = '\0';
    if (a) { strcat(out, a); strcat(out, "/"); }
    if (b && *b) { strcat(out, b); strcat(out, "/"); }
    strcat(out, c);
    return out;
}

static int is_executable_file(const char *path, int *saw_eacces) {
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    if (access(path, X_OK) == 0) return 1;
    if (errno == EACCES) *saw_eacces = 1;
    return 0;
}

/// Looks argv[0] up like execvp does, but in the child's PATH (not the launcher's), relative
/// entries taken from the child's working directory.
static void resolve_executable(struct request *req) {
    const char *name = req->argv[0];
    if (strchr(name, '/')) {
        req->path = strdup(name);
        if (!req->path) { req->setup_errno = ENOMEM; req->setup_stage = 's'; }
        return;
    }
    const char *search = "/usr/local/bin:/usr/bin:/bin";
    for (char **e = req->envp; *e; e++) {
        if (strncmp(*e, "PATH=", 5) == 0) { search = *e + 5; break; }
    }
    int saw_eacces = 0;
    const char *p = search;
    for (;;) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        char *dir = strndup(p, len);
        if (!dir) break;
        // An empty entry means the current directory, as for execvp.
        const char *base = (dir[0] == '/') ? NULL : req->cwd;
        char *candidate = join_path(base, dir, name);
        free(dir);
        if (candidate && is_executable_file(candidate, &saw_eacces)) {
            req->path = candidate;
            return;
        }
        free(candidate);
        if (!colon) break;
        p = colon + 1;
    }
    req->setup_errno = saw_eacces ? EACCES : ENOENT;
    req->setup_stage = 'p';
}

/// The folder the launcher started in, for requests that name no working directory.
static int starting_directory = -1;

/// Enters the request's working directory (or goes back to the starting one): children inherit
/// the launcher's, which costs one chdir per request instead of one per child.
static void enter_working_directory(struct request *req) {
    if (starting_directory < 0) starting_directory = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (!req->cwd) {
        if (starting_directory >= 0 && fchdir(starting_directory) != 0) {
            req->setup_errno = errno;
            req->setup_stage = 'c';
        }
        return;
    }
    struct stat st;
    if (stat(req->cwd, &st) != 0) { req->setup_errno = errno; req->setup_stage = 'c'; return; }
    if (!S_ISDIR(st.st_mode)) { req->setup_errno = ENOTDIR; req->setup_stage = 'c'; return; }
    if (access(req->cwd, X_OK) != 0) { req->setup_errno = errno; req->setup_stage = 'c'; return; }
    if (chdir(req->cwd) != 0) { req->setup_errno = errno; req->setup_stage = 'c'; }
}

/// The signals this process ignores. exec resets caught signals to their default by itself;
/// only ignored ones are inherited, so resetting exactly these gives every child default
/// handlers. Naming all signals instead would cost the child one sigaction call per signal
/// between fork and exec, on every iteration.
static void ignored_signals(sigset_t *set) {
    sigemptyset(set);
    for (int sig = 1; sig < NSIG; sig++) {
        struct sigaction current;
        if (sigaction(sig, NULL, &current) == 0 && current.sa_handler == SIG_IGN) sigaddset(set, sig);
    }
}

static int prepare_spawn(struct request *req, int dev_null) {
    if (posix_spawn_file_actions_init(&req->actions) != 0) return -1;
    if (posix_spawnattr_init(&req->attr) != 0) {
        posix_spawn_file_actions_destroy(&req->actions);
        return -1;
    }
    req->prepared = 1;
    req->dev_null = dev_null;
    int rc = 0;
    // An open /dev/null duplicated onto 0 saves a path lookup per child over opening it each time.
    if (dev_null >= 0) rc |= posix_spawn_file_actions_adddup2(&req->actions, dev_null, 0);
    else rc |= posix_spawn_file_actions_addopen(&req->actions, 0, "/dev/null", O_RDONLY, 0);
    rc |= posix_spawn_file_actions_adddup2(&req->actions, 4, 1);
    rc |= posix_spawn_file_actions_adddup2(&req->actions, 5, 2);
    sigset_t none, ignored;
    sigemptyset(&none);
    ignored_signals(&ignored);
    rc |= posix_spawnattr_setsigmask(&req->attr, &none);
    rc |= posix_spawnattr_setsigdefault(&req->attr, &ignored);
    req->defaults = ignored;
    rc |= posix_spawnattr_setpgroup(&req->attr, 0);
    rc |= posix_spawnattr_setflags(&req->attr,
        POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    return rc == 0 ? 0 : -1;
}

/// Splits the payload into argv, envp and cwd; returns -1 unless it holds exactly that many strings.
static int split_payload(struct request *req, size_t size, long argc, long envc, int has_cwd) {
    req->argv = calloc((size_t)argc + 1, sizeof(char *));
    req->envp = calloc((size_t)envc + 1, sizeof(char *));
    if (!req->argv || !req->envp) return -1;
    long wanted = argc + envc + has_cwd, found = 0;
    size_t at = 0;
    while (at < size) {
        char *s = req->payload + at;
        char *end = memchr(s, '\0', size - at);
        if (!end || found == wanted) return -1;
        if (found < argc) req->argv[found] = s;
        else if (found < argc + envc) req->envp[found - argc] = s;
        else req->cwd = s;
        found++;
        at = (size_t)(end - req->payload) + 1;
    }
    return found == wanted ? 0 : -1;
}

int read_request(struct reader *in, struct request *req, int dev_null) {
    memset(req, 0, sizeof *req);
    char line[256];
    for (;;) {
        int rc = read_line(in, line, sizeof line);
        if (rc != READ_OK) return rc;
        if (line[0] == 'I' && line[1] == '\0') continue;  // an interrupt that arrived while idle
        break;
    }
    long iterations, stop, timeout, grace, killsig, argc, envc, has_cwd, size, processes, cpu, files;
    unsigned long long memory;
    char extra;
    if (sscanf(line, "R %ld %ld %ld %ld %ld %ld %ld %ld %ld %llu %ld %ld %ld %c", &iterations, &stop, &timeout,
               &grace, &killsig, &argc, &envc, &has_cwd, &size, &memory, &processes, &cpu, &files, &extra) != 13)
        return READ_BAD;
    if (processes < 0 || cpu < 0 || files < 0) return READ_BAD;
    if (iterations < 0 || timeout < 0 || grace < 0 || killsig < 1 || killsig >= NSIG || argc < 1 ||
        argc > MAX_STRINGS || envc < 0 || envc > MAX_STRINGS || (has_cwd != 0 && has_cwd != 1) ||
        size < 0 || size > MAX_PAYLOAD)
        return READ_BAD;
    req->iterations = iterations;
    req->stop_on_failure = stop != 0;
    req->timeout_ms = timeout;
    req->grace_ms = grace;
    req->kill_signal = (int)killsig;
    req->max_memory_bytes = memory;
    req->max_processes = processes;
    req->max_cpu_s = cpu;
    req->max_open_files = files;
    req->payload = malloc((size_t)size + 1);
    if (!req->payload) return READ_BAD;
    int rc = read_exact(in, req->payload, (size_t)size);
    if (rc != READ_OK) return rc;
    if (split_payload(req, (size_t)size, argc, envc, (int)has_cwd) != 0) return READ_BAD;
    if (prepare_spawn(req, dev_null) != 0) return READ_BAD;
    enter_working_directory(req);
    if (!req->setup_errno) resolve_executable(req);
    return READ_OK;
}

void free_request(struct request *req) {
    if (req->prepared) {
        posix_spawn_file_actions_destroy(&req->actions);
        posix_spawnattr_destroy(&req->attr);
    }
    free(req->path);
    free(req->argv);
    free(req->envp);
    free(req->payload);
    memset(req, 0, sizeof *req);
}
#endif
