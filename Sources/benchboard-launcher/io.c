// Reading the request stream and writing report lines, without stdio buffers.
#ifdef __linux__  // Linux-only, like the whole launcher (see main.c)
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "launcher.h"

// Reports of children that end quickly are held here and sent with the next report that cannot
// wait ("S", "D", …), or when the buffer fills: benchboard then wakes once per batch instead of
// once per child, which would otherwise compete with the children for the CPU.
static char held[4096];
static size_t held_length;

static int write_all(const char *bytes, size_t length) {
    size_t done = 0;
    while (done < length) {
        ssize_t w = write(1, bytes + done, length - done);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        done += (size_t)w;
    }
    return 0;
}

static int flush_held(void) {
    int rc = held_length ? write_all(held, held_length) : 0;
    held_length = 0;
    return rc;
}

static int hold_line(const char *format, va_list args) {
    char line[640];
    int n = vsnprintf(line, sizeof line - 1, format, args);
    if (n < 0) return -1;
    if ((size_t)n > sizeof line - 2) n = (int)(sizeof line - 2);
    line[n++] = '\n';
    if (held_length + (size_t)n > sizeof held && flush_held() != 0) return -1;
    memcpy(held + held_length, line, (size_t)n);
    held_length += (size_t)n;
    return 0;
}

int report_later(const char *format, ...) {
    va_list args;
    va_start(args, format);
    int rc = hold_line(format, args);
    va_end(args);
    return rc;
}

int report_line(const char *format, ...) {
    va_list args;
    va_start(args, format);
    int rc = hold_line(format, args);
    va_end(args);
    // Lines stay in order: what was held goes out first, in the same write.
    return rc == 0 ? flush_held() : rc;
}

void set_cloexec(int fd) {
    int flags = fcntl(fd, F_GETFD);
    if (flags >= 0) fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

void close_from(int first) {
#ifdef SYS_close_range
    if (syscall(SYS_close_range, (unsigned)first, ~0U, 0) == 0) return;
#endif
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536) max = 65536;
    for (int fd = first; fd < max; fd++) close(fd);
}

uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/// Reads more bytes into the buffer (blocking). Returns the count, 0 on EOF, -1 on error.
static ssize_t fill(struct reader *in) {
    if (in->start > 0) {
        memmove(in->buf, in->buf + in->start, in->end - in->start);
        in->end -= in->start;
        in->start = 0;
    }
    if (in->end == sizeof in->buf) {
        errno = ENOBUFS;
        return -1;
    }
    for (;;) {
        ssize_t r = read(0, in->buf + in->end, sizeof in->buf - in->end);
        if (r < 0 && errno == EINTR) continue;
        if (r > 0) in->end += (size_t)r;
        return r;
    }
}

int read_line(struct reader *in, char *line, size_t cap) {
    for (;;) {
        char *nl = memchr(in->buf + in->start, '\n', in->end - in->start);
        if (nl) {
            size_t len = (size_t)(nl - (in->buf + in->start));
            if (len >= cap) return READ_BAD;
            memcpy(line, in->buf + in->start, len);
            line[len] = '\0';
            in->start += len + 1;
            return READ_OK;
        }
        ssize_t r = fill(in);
        if (r == 0) return READ_EOF;
        if (r < 0) return READ_BAD;
    }
}

int read_exact(struct reader *in, char *dst, size_t n) {
    size_t buffered = in->end - in->start;
    size_t take = buffered < n ? buffered : n;
    memcpy(dst, in->buf + in->start, take);
    in->start += take;
    size_t done = take;
    while (done < n) {
        ssize_t r = read(0, dst + done, n - done);
        if (r < 0 && errno == EINTR) continue;
        if (r == 0) return READ_EOF;
        if (r < 0) return READ_BAD;
        done += (size_t)r;
    }
    return READ_OK;
}

int take_commands(struct reader *in) {
    int commands = 0;
    for (;;) {
        char *nl = memchr(in->buf + in->start, '\n', in->end - in->start);
        if (!nl) break;
        if (in->buf[in->start] == 'I') commands |= CMD_INTERRUPT;
        in->start = (size_t)(nl - in->buf) + 1;
    }
    // Nothing but commands is sent while a batch runs: an overlong fragment is noise, drop it.
    if (in->start == in->end || in->end - in->start == sizeof in->buf) in->start = in->end = 0;
    return commands;
}

int pump_commands(struct reader *in) {
    ssize_t r = fill(in);
    if (r == 0) return CMD_EOF;
    if (r < 0 && errno != EAGAIN) return CMD_EOF;
    return take_commands(in);
}
#endif
