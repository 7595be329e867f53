// Interposed on the Swift runtime's retain and release (LD_PRELOAD, dynamic builds only) by
// scripts/shared-refcounts: counts, per call site, the retains and releases of an object that the other
// thread touched last. Each such touch moves the object's reference count between cores, and enough of
// them make `--jobs 2` cost more CPU than `--jobs 1` for the same work. A diagnostic, not part of the tool.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#define OBJECT_BITS 22
#define SITE_BITS 16
// Lossy tables indexed by hash: a collision can only blur the counts, which are read as a ranking.
static uint32_t lastThread[1u << OBJECT_BITS];
static uint32_t crossings[1u << OBJECT_BITS];
static uintptr_t siteAddress[1u << SITE_BITS];
static uint64_t siteTouches[1u << SITE_BITS], siteCrossings[1u << SITE_BITS], siteShared[1u << SITE_BITS];
static __thread uint32_t thread;

static uint32_t hashed(uintptr_t value, int bits) { return (uint32_t)(value * 0x9E3779B97F4A7C15ull >> (64 - bits)); }

static void note(uintptr_t object, uintptr_t site) {
    if (object < 4096 || object >= 0x800000000000ull) return;
    // An immortal object (low 32 bits of its count all set: literals, empty collections) is never written.
    if ((*(volatile uint64_t *)(object + 8) & 0xFFFFFFFFull) == 0xFFFFFFFFull) return;
    if (!thread) thread = (uint32_t)syscall(SYS_gettid);
    uint32_t slot = hashed(object >> 4, OBJECT_BITS), s = hashed(site, SITE_BITS);
    uint32_t previous = __atomic_exchange_n(&lastThread[slot], thread, __ATOMIC_RELAXED);
    siteAddress[s] = site;
    __atomic_fetch_add(&siteTouches[s], 1, __ATOMIC_RELAXED);
    if (!previous || previous == thread) return;
    __atomic_fetch_add(&siteCrossings[s], 1, __ATOMIC_RELAXED);
    // An object handed from one phase to the next crosses once or twice; one both threads keep using, often.
    if (__atomic_add_fetch(&crossings[slot], 1, __ATOMIC_RELAXED) > 16) __atomic_fetch_add(&siteShared[s], 1, __ATOMIC_RELAXED);
}

// A string's bridge object: bit 63 marks an immortal literal, bit 61 a small string (no object at all).
static uintptr_t bridged(void *value) {
    uintptr_t bits = (uintptr_t)value;
    return (bits & (5ull << 61)) ? 0 : bits & 0x0FFFFFFFFFFFFFF8ull;
}

#define SITE ((uintptr_t)__builtin_return_address(0))
typedef void *(*Retain)(void *);
typedef void (*Release)(void *);
#define REAL(name, type) static type real; if (!real) real = (type)dlsym(RTLD_NEXT, name)
void *swift_retain(void *o) { REAL("swift_retain", Retain); note((uintptr_t)o, SITE); return real(o); }
void swift_release(void *o) { REAL("swift_release", Release); note((uintptr_t)o, SITE); real(o); }
void *swift_bridgeObjectRetain(void *o) { REAL("swift_bridgeObjectRetain", Retain); note(bridged(o), SITE); return real(o); }
void swift_bridgeObjectRelease(void *o) { REAL("swift_bridgeObjectRelease", Release); note(bridged(o), SITE); real(o); }

static uintptr_t executableBase;
static int firstObject(struct dl_phdr_info *info, size_t size, void *data) { executableBase = info->dlpi_addr; return 1; }

// One line per call site: shared-object touches, cross-thread touches, all touches, address in the executable.
__attribute__((destructor)) static void report(void) {
    dl_iterate_phdr(firstObject, 0);
    const char *path = getenv("SHARED_REFCOUNTS_OUT");
    FILE *out = path ? fopen(path, "w") : NULL;
    if (!out) return;
    for (uint32_t s = 0; s < (1u << SITE_BITS); s++) {
        if (siteCrossings[s] == 0) continue;
        fprintf(out, "%llu %llu %llu 0x%lx\n", (unsigned long long)siteShared[s], (unsigned long long)siteCrossings[s],
                (unsigned long long)siteTouches[s], (unsigned long)(siteAddress[s] - executableBase));
    }
    fclose(out);
}
