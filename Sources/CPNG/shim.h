// libpng 1.6 (Debian: libpng-dev). Only the simplified API is used from Swift, so no
// setjmp/longjmp ever crosses a Swift frame.
#include <png.h>
