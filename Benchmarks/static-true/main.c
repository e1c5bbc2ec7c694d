// The floor of isolation overhead: a C program that does nothing, linked statically, so that
// spawning and reaping it costs the kernel's share alone (no dynamic loader, no libraries).
// Built by Benchmarks/scripts/build-static-true.sh, the suite's first benchmark.
int main(void) { return 0; }
