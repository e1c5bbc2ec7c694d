/* The scratch project's program: a few kinds of work, one per benchmark. HASH_ROUNDS is the knob
 * the simulated pull request turns: 2 makes `hash` do twice the work (a 2x slowdown). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HASH_ROUNDS 1

static int compare(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    const char *kind = argc > 1 ? argv[1] : "";
    if (strcmp(kind, "hash") == 0) {
        /* FNV-1a over a counter: a dependency chain the compiler cannot shorten. */
        uint64_t h = 1469598103934665603ULL;
        for (int round = 0; round < HASH_ROUNDS; round++)
            for (uint64_t i = 0; i < 12000000; i++) h = (h ^ i) * 1099511628211ULL;
        printf("%llu\n", (unsigned long long)h);
    } else if (strcmp(kind, "sort") == 0) {
        enum { count = 300000 };
        uint32_t *values = malloc(count * sizeof *values);
        if (values == NULL) return 1;
        uint32_t x = 2463534242u;
        for (int i = 0; i < count; i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; values[i] = x; }
        qsort(values, count, sizeof *values, compare);
        printf("%u\n", values[count / 2]);
        free(values);
    } else if (strcmp(kind, "noop") == 0) {
        return 0;
    } else {
        fprintf(stderr, "usage: work hash|sort|noop\n");
        return 2;
    }
    return 0;
}
