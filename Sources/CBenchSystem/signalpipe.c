#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "CBenchSystem.h"

// Set once, before any handler that reads it is installed; a signal handler cannot be handed
// state any other way.
static int write_end = -1;
static int read_end = -1;

static void on_signal(int signo) {
    int saved = errno;
    unsigned char byte = (unsigned char)signo;
    // Non-blocking: a full pipe already holds enough to wake the reader.
    ssize_t ignored = write(write_end, &byte, 1);
    (void)ignored;
    errno = saved;
}

int cbench_signal_pipe(const int *signals, int count) {
    if (read_end < 0) {
        int fds[2];
#ifdef __linux__
        if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0) return -1;
#else
        // Darwin has no pipe2. Called once, at the start of a run, before any child is spawned.
        if (pipe(fds) != 0) return -1;
        for (int i = 0; i < 2; i++) {
            fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
            fcntl(fds[i], F_SETFD, FD_CLOEXEC);
        }
#endif
        read_end = fds[0];
        write_end = fds[1];
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < count; i++) sigaction(signals[i], &action, NULL);
    return read_end;
}
