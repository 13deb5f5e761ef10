// glibc's malloc tuning (malloc_trim), which the Glibc module does not export.
#if defined(__linux__)
#include <malloc.h>
#endif
