#define _GNU_SOURCE
#include <spawn.h>

#include "CBenchSystem.h"

// glibc declares it only under _GNU_SOURCE, which Swift's Glibc module is not built with;
// Darwin has it since macOS 10.15.
int cbench_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}
