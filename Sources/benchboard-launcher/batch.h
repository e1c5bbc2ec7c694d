// Running one request (batch.c), as main.c's request loop calls it.
#ifndef BENCHBOARD_BATCH_H
#define BENCHBOARD_BATCH_H

#include "launcher.h"

/// Runs every iteration of `req` and reports them; 1 when benchboard is gone (EOF on fd 0).
int run_batch(struct reader *in, const struct request *req, const struct cgroups *groups);

#endif
