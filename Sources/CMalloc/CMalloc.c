// Empty: SwiftPM builds a C target from at least one source file; the header is all there is.
#include "CMalloc.h"
