#include "CPNG.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  uint8_t *data;
  size_t size;
  size_t capacity;
  int failed;
  char *error;
  size_t error_capacity;
} cpng_sink;

static void cpng_write(png_structp png, png_bytep bytes, png_size_t length) {
  cpng_sink *sink = (cpng_sink *)png_get_io_ptr(png);
  if (sink->size + length > sink->capacity) {
    size_t capacity = sink->capacity ? sink->capacity : 4096;
    while (capacity < sink->size + length) capacity *= 2;
    uint8_t *grown = (uint8_t *)realloc(sink->data, capacity);
    if (!grown) png_error(png, "out of memory");
    sink->data = grown;
    sink->capacity = capacity;
  }
  memcpy(sink->data + sink->size, bytes, length);
  sink->size += length;
}

static void cpng_flush(png_structp png) { (void)png; }

static void cpng_error(png_structp png, png_const_charp message) {
  cpng_sink *sink = (cpng_sink *)png_get_error_ptr(png);
  if (sink && sink->error && sink->error_capacity > 0) {
    strncpy(sink->error, message, sink->error_capacity - 1);
    sink->error[sink->error_capacity - 1] = 0;
  }
  png_longjmp(png, 1);
}

static void cpng_warning(png_structp png, png_const_charp message) { (void)png; (void)message; }

// Maps each pixel to a palette index when the frame has at most 256 colours (rendered scenes
// usually do: flat fills plus anti-aliased edges). Returns the number of colours, or 0 if
// there are more than 256. Runs of one colour take the fast path.
static int cpng_palettize(const uint8_t *pixels, uint32_t width, uint32_t height, uint8_t *indices,
                          png_color *palette) {
  enum { SLOTS = 1024 };
  uint32_t keys[SLOTS];
  uint8_t values[SLOTS];
  memset(keys, 0xff, sizeof keys);  // 0xffffffff never equals a 24-bit colour
  int colours = 0;
  uint32_t last = 0xffffffffu;
  uint8_t last_index = 0;
  size_t row = (size_t)width * 3;
  for (size_t i = 0; i < (size_t)width * height; i++) {
    // A row equal to the one above (large flat areas) reuses its indices.
    if (i % width == 0 && i >= width && memcmp(pixels + 3 * i, pixels + 3 * i - row, row) == 0) {
      memcpy(indices + i, indices + i - width, width);
      i += width - 1;
      continue;
    }
    const uint8_t *p = pixels + 3 * i;
    uint32_t key = ((uint32_t)p[0] << 16) | ((uint32_t)p[1] << 8) | p[2];
    if (key == last) {
      indices[i] = last_index;
      continue;
    }
    uint32_t slot = (key * 2654435761u) >> 22;
    while (keys[slot] != key && keys[slot] != 0xffffffffu) slot = (slot + 1) & (SLOTS - 1);
    if (keys[slot] != key) {
      if (colours == 256) return 0;
      keys[slot] = key;
      values[slot] = (uint8_t)colours;
      palette[colours].red = p[0];
      palette[colours].green = p[1];
      palette[colours].blue = p[2];
      colours++;
    }
    last = key;
    last_index = values[slot];
    indices[i] = last_index;
  }
  return colours;
}

uint8_t *cpng_encode_rgb(const uint8_t *pixels, uint32_t width, uint32_t height, int zlib_level,
                         int allow_palette, int adaptive_filters, size_t *out_size, char *error,
                         size_t error_capacity) {
  cpng_sink sink = {NULL, 0, 0, 0, error, error_capacity};
  if (error && error_capacity > 0) error[0] = 0;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, cpng_error, cpng_warning);
  if (!png) return NULL;
  png_infop info = png_create_info_struct(png);
  if (!info) {
    png_destroy_write_struct(&png, NULL);
    return NULL;
  }
  uint8_t *volatile indices_for_cleanup = NULL;
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    free(sink.data);
    free(indices_for_cleanup);
    return NULL;
  }
  size_t count = (size_t)width * height;
  png_color palette[256];
  uint8_t *indices = (uint8_t *)malloc(count ? count : 1);
  indices_for_cleanup = indices;
  int colours = allow_palette && indices && width > 0 ? cpng_palettize(pixels, width, height, indices, palette) : 0;
  png_set_write_fn(png, &sink, cpng_write, cpng_flush);
  png_set_compression_level(png, zlib_level);
  // Z_RLE for indexed frames and the fast level: runs of one colour dominate rendered frames.
  png_set_compression_strategy(png, (colours > 0 || zlib_level <= 1) ? 3 : 0);
  png_set_filter(png, PNG_FILTER_TYPE_BASE,
                 (adaptive_filters && colours == 0) ? PNG_ALL_FILTERS : PNG_FILTER_NONE);
  if (colours > 0) {
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_PALETTE, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_PLTE(png, info, palette, colours);
    png_write_info(png, info);
    for (uint32_t y = 0; y < height; y++) png_write_row(png, indices + (size_t)y * width);
  } else {
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (uint32_t y = 0; y < height; y++) {
      png_write_row(png, (png_const_bytep)(pixels + (size_t)y * width * 3));
    }
  }
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  free(indices);
  *out_size = sink.size;
  return sink.data;
}

void cpng_free(uint8_t *buffer) { free(buffer); }
