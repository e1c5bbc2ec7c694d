#ifndef BENCHBOARD_CCALLGRIND_H
#define BENCHBOARD_CCALLGRIND_H

// Callgrind client requests as functions Swift can call: valgrind's header defines them as
// macros of inline assembly, which Swift cannot import. Outside valgrind each request is a
// handful of no-op instructions.

/// 1 when this build saw valgrind/callgrind.h (Debian: the valgrind package); 0 when the
/// requests below compile to nothing and a Swift benchmark cannot count its instructions.
int benchboard_callgrind_available(void);
/// Turns callgrind's instrumentation on (`--instr-atstart=no` leaves it off until then).
void benchboard_callgrind_start_instrumentation(void);
/// Flips whether executed instructions are counted (`--collect-atstart=no` starts with off).
void benchboard_callgrind_toggle_collect(void);
/// Writes the counts since the previous dump to the next numbered output file and zeroes them.
void benchboard_callgrind_dump_stats(void);

#endif
