#ifndef CPNG_H
#define CPNG_H

// libpng 1.6 (Debian: libpng-dev), plus one C function for the fast writer below.
#include <png.h>
#include <stddef.h>
#include <stdint.h>

/// Encodes 8-bit RGB rows as PNG with a chosen zlib level (0-9). With allow_palette, a frame of
/// at most 256 colours is written as an indexed PNG (a third of the data, no row filters);
/// otherwise as RGB, with libpng's adaptive row filters when adaptive_filters is set.
/// On success returns a malloc'ed buffer (free with cpng_free) and sets *out_size; on failure
/// returns NULL and writes libpng's message into error (capacity error_capacity).
/// libpng's longjmp stays inside this C function: it never crosses a Swift frame.
uint8_t *cpng_encode_rgb(const uint8_t *pixels, uint32_t width, uint32_t height, int zlib_level,
                         int allow_palette, int adaptive_filters, size_t *out_size, char *error,
                         size_t error_capacity);

/// Frees a buffer returned by cpng_encode_rgb.
void cpng_free(uint8_t *buffer);

#endif
