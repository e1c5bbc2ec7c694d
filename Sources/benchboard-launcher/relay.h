// Signals the launcher passes on to the running child (see relay.c): shared by main.c, which
// installs the handlers at start-up, and batch.c, which relays them while it watches a child.
#ifndef BENCHBOARD_RELAY_H
#define BENCHBOARD_RELAY_H

#include <signal.h>
#include <sys/types.h>

/// Catches TERM, HUP and INT and blocks them everywhere but inside the ppoll that watches a child.
void catch_signals(void);
/// Relays TERM, HUP and INT that arrived during the last ppoll to `pgid`.
void relay_signals(pid_t pgid);
/// Drops those signals that arrived while no child ran.
void discard_signals(void);
/// The mask to run ppoll with: the relayed signals unblocked.
extern sigset_t relay_mask;

#endif
