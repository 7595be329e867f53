// glibc's allocator controls (`mallopt`), which Swift's Glibc module does not import. A C target instead
// of a look-up by name (`dlsym`): the shipped binary is a static executable, where `dlsym` finds nothing.
#ifndef REDISLINT_CMALLOC_H
#define REDISLINT_CMALLOC_H
#if defined(__linux__) && __has_include(<malloc.h>)
#include <malloc.h>
#endif
#endif
