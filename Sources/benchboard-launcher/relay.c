// TERM, HUP and INT: caught (not ignored, so exec resets them in children), blocked except inside
// the ppoll that watches a child, and relayed to that child's process group; see main.c for why
// the launcher does not die of them.
#ifdef __linux__  // Linux-only, like the whole launcher (see main.c)
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <time.h>

#include "relay.h"

/// The last of TERM, HUP or INT caught, 0 when none since the last relay.
static volatile sig_atomic_t caught;
sigset_t relay_mask;
static sigset_t relayed;

static void on_signal(int signo) {
    caught = signo;
}

void relay_signals(pid_t pgid) {
    int signo = caught;
    if (!signo) return;
    caught = 0;
    kill(-pgid, signo);
}

void discard_signals(void) {
    // Pending (blocked) ones would otherwise be delivered in the next child's first ppoll.
    struct timespec now = {0, 0};
    while (sigtimedwait(&relayed, NULL, &now) > 0) {}
    caught = 0;
}

void catch_signals(void) {
    sigemptyset(&relayed);
    sigaddset(&relayed, SIGTERM);
    sigaddset(&relayed, SIGHUP);
    sigaddset(&relayed, SIGINT);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    action.sa_flags = SA_RESTART;
    sigfillset(&action.sa_mask);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    sigprocmask(SIG_BLOCK, &relayed, &relay_mask);
    sigdelset(&relay_mask, SIGTERM);
    sigdelset(&relay_mask, SIGHUP);
    sigdelset(&relay_mask, SIGINT);
}
#endif
