/// The built-in bitmap font: 5×9-pixel glyphs (7 rows above the baseline, 2 for
/// descenders) for printable ASCII, 32 (space) to 126 (`~`), legible at scale 1.
///
/// Characters outside that range are drawn as `?`; a tab is a space. Text is measured and
/// drawn in whole pixels, multiplied by an integer scale.
public enum BitmapFont {
  /// Glyph width in pixels at scale 1.
  public static let glyphWidth = 5
  /// Glyph height in pixels at scale 1, descenders included.
  public static let glyphHeight = 9
  /// Rows from the top of a glyph to its baseline (the cap height).
  public static let baseline = 7
  /// Horizontal distance between the starts of consecutive characters.
  public static let advance = 6
  /// Vertical distance between the tops of consecutive lines.
  public static let lineHeight = 11

  /// The size of `text` drawn at `scale`, lines separated by `\n`.
  /// - Returns: the width of the longest line and the height of all lines, in pixels;
  ///   (0, 0) for empty text.
  /// - Complexity: O(characters).
  public static func measure(_ text: String, scale: Int = 1) -> (width: Int, height: Int) {
    guard !text.isEmpty else { return (0, 0) }
    var longest = 0
    var lines = 1
    var current = 0
    for scalar in text.unicodeScalars {
      if scalar == "\n" {
        lines += 1
        longest = max(longest, current)
        current = 0
      } else {
        current += 1
      }
    }
    longest = max(longest, current)
    let width = longest == 0 ? 0 : (longest * advance - (advance - glyphWidth)) * scale
    let height = ((lines - 1) * lineHeight + glyphHeight) * scale
    return (width, height)
  }

  /// True when the glyph for `character` has pixel (`x`, `y`) set (0 ≤ x < 5, 0 ≤ y < 9).
  public static func isSet(_ character: Unicode.Scalar, x: Int, y: Int) -> Bool {
    precondition(x >= 0 && x < glyphWidth && y >= 0 && y < glyphHeight, "outside the glyph box")
    return rows[glyphIndex(character) * glyphHeight + y] & (0x10 >> UInt8(x)) != 0
  }

  /// Index into `rows` / `glyphHeight` for a scalar; `?` for anything unprintable.
  @inline(__always)
  static func glyphIndex(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v >= 32 && v <= 126 { return Int(v) - 32 }
    if v == 9 { return 0 }
    return Int(UInt8(ascii: "?")) - 32
  }

  /// Nine row bitmaps per glyph, bit 4 = leftmost column; parsed once from `glyphArt`.
  static let rows: [UInt8] = parseGlyphArt(glyphArt)

  /// Reads bands of glyphs drawn side by side: a `>` line names the characters, then nine
  /// rows of `.`/`#` cells, five per glyph, glyphs separated by one space.
  static func parseGlyphArt(_ art: String) -> [UInt8] {
    var result: [UInt8] = []
    var band: [[UInt8]] = []
    func flush() {
      guard let first = band.first else { return }
      precondition(band.count == glyphHeight, "glyph band must have \(glyphHeight) rows")
      for g in 0..<first.count {
        for row in band { result.append(row[g]) }
      }
      band = []
    }
    for line in art.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix(">") {
        flush()
        continue
      }
      let cells = line.split(separator: " ")
      guard !cells.isEmpty else { continue }
      band.append(cells.map { cell in
        cell.reduce(UInt8(0)) { bits, ch in (bits << 1) | (ch == "#" ? 1 : 0) }
      })
    }
    flush()
    precondition(result.count == 95 * glyphHeight, "glyph art must define ASCII 32...126")
    return result
  }
}

// MARK: - Glyphs

extension BitmapFont {
  /// The glyphs, eight to a band, in ASCII order from space to `~`.
  static let glyphArt = #"""
>       !     "     #     $     %     &     '
  ..... ..#.. .#.#. ..... ..#.. ##... .##.. ..#..
  ..... ..#.. .#.#. .#.#. .#### ##..# #..#. ..#..
  ..... ..#.. .#.#. ##### #.#.. ...#. #.#.. .#...
  ..... ..#.. ..... .#.#. .###. ..#.. .#... .....
  ..... ..#.. ..... ##### ..#.# .#... #.#.# .....
  ..... ..... ..... .#.#. ####. #..## #..#. .....
  ..... ..#.. ..... ..... ..#.. ...## .##.# .....
  ..... ..... ..... ..... ..... ..... ..... .....
  ..... ..... ..... ..... ..... ..... ..... .....
> (     )     *     +     ,     -     .     /
  ...#. .#... ..... ..... ..... ..... ..... ....#
  ..#.. ..#.. ..#.. ..#.. ..... ..... ..... ...#.
  .#... ...#. #.#.# ..#.. ..... ..... ..... ...#.
  .#... ...#. .###. ##### ..... ##### ..... ..#..
  .#... ...#. #.#.# ..#.. ..... ..... ..... .#...
  ..#.. ..#.. ..#.. ..#.. .##.. ..... .##.. .#...
  ...#. .#... ..... ..... .##.. ..... .##.. #....
  ..... ..... ..... ..... ..#.. ..... ..... .....
  ..... ..... ..... ..... .#... ..... ..... .....
> 0     1     2     3     4     5     6     7
  .###. ..#.. .###. .###. ...#. ##### ..##. #####
  #...# .##.. #...# #...# ..##. #.... .#... ....#
  #..## ..#.. ....# ....# .#.#. ####. #.... ...#.
  #.#.# ..#.. ...#. ..##. #..#. ....# ####. ..#..
  ##..# ..#.. ..#.. ....# ##### ....# #...# .#...
  #...# ..#.. .#... #...# ...#. #...# #...# .#...
  .###. .###. ##### .###. ...#. .###. .###. .#...
  ..... ..... ..... ..... ..... ..... ..... .....
  ..... ..... ..... ..... ..... ..... ..... .....
> 8     9     :     ;     <     =     >     ?
  .###. .###. ..... ..... ...#. ..... .#... .###.
  #...# #...# .##.. .##.. ..#.. ..... ..#.. #...#
  #...# #...# .##.. .##.. .#... ##### ...#. ....#
  .###. .#### ..... ..... #.... ..... ....# ...#.
  #...# ....# .##.. .##.. .#... ##### ...#. ..#..
  #...# ...#. .##.. .##.. ..#.. ..... ..#.. .....
  .###. .##.. ..... ..#.. ...#. ..... .#... ..#..
  ..... ..... ..... .#... ..... ..... ..... .....
  ..... ..... ..... ..... ..... ..... ..... .....
> @     A     B     C     D     E     F     G
  .###. .###. ####. .###. ####. ##### ##### .###.
  #...# #...# #...# #...# #...# #.... #.... #...#
  #.### #...# #...# #.... #...# #.... #.... #....
  #.#.# ##### ####. #.... #...# ####. ####. #.###
  #.### #...# #...# #.... #...# #.... #.... #...#
  #.... #...# #...# #...# #...# #.... #.... #...#
  .#### #...# ####. .###. ####. ##### #.... .####
  ..... ..... ..... ..... ..... ..... ..... .....
  ..... ..... ..... ..... ..... ..... ..... .....
> H     I     J     K     L     M     N     O
  #...# .###. ..### #...# #.... #...# #...# .###.
  #...# ..#.. ...#. #..#. #.... ##.## #...# #...#
  #...# ..#.. ...#. #.#.. #.... #.#.# ##..# #...#
  ##### ..#.. ...#. ##... #.... #.#.# #.#.# #...#
  #...# ..#.. ...#. #.#.. #.... #...# #..## #...#
  #...# ..#.. #..#. #..#. #.... #...# #...# #...#
  #...# .###. .##.. #...# ##### #...# #...# .###.
  ..... ..... ..... ..... ..... ..... ..... .....
  ..... ..... ..... ..... ..... ..... ..... .....
> P     Q     R     S     T     U     V     W
  ####. .###. ####. .#### ##### #...# #...# #...#
  #...# #...# #...# #.... ..#.. #...# #...# #...#
  #...# #...# #...# #.... ..#.. #...# #...# #...#
  ####. #...# ####. .###. ..#.. #...# #...# #.#.#
  #.... #.#.# #.#.. ....# ..#.. #...# #...# #.#.#
  #.... #..#. #..#. ....# ..#.. #...# .#.#. #.#.#
  #.... .##.# #...# ####. ..#.. .###. ..#.. .#.#.
  ..... ..... ..... ..... ..... ..... ..... .....
  ..... ..... ..... ..... ..... ..... ..... .....
> X     Y     Z     [     \     ]     ^     _
  #...# #...# ##### .###. #.... .###. ..#.. .....
  #...# #...# ....# .#... .#... ...#. .#.#. .....
  .#.#. .#.#. ...#. .#... .#... ...#. #...# .....
  ..#.. ..#.. ..#.. .#... ..#.. ...#. ..... .....
  .#.#. ..#.. .#... .#... ...#. ...#. ..... .....
  #...# ..#.. #.... .#... ...#. ...#. ..... .....
  #...# ..#.. ##### .###. ....# .###. ..... .....
  ..... ..... ..... ..... ..... ..... ..... #####
  ..... ..... ..... ..... ..... ..... ..... .....
> `     a     b     c     d     e     f     g
  .#... ..... #.... ..... ....# ..... ..##. .....
  ..#.. ..... #.... ..... ....# ..... .#..# .....
  ..... .###. ####. .###. .#### .###. .#... .####
  ..... ....# #...# #.... #...# #...# ###.. #...#
  ..... .#### #...# #.... #...# ##### .#... #...#
  ..... #...# #...# #...# #...# #.... .#... #...#
  ..... .#### ####. .###. .#### .###. .#... .####
  ..... ..... ..... ..... ..... ..... ..... ....#
  ..... ..... ..... ..... ..... ..... ..... .###.
> h     i     j     k     l     m     n     o
  #.... ..#.. ...#. #.... .##.. ..... ..... .....
  #.... ..... ..... #.... ..#.. ..... ..... .....
  #.##. .##.. ..##. #..#. ..#.. ##.#. #.##. .###.
  ##..# ..#.. ...#. #.#.. ..#.. #.#.# ##..# #...#
  #...# ..#.. ...#. ##... ..#.. #.#.# #...# #...#
  #...# ..#.. ...#. #.#.. ..#.. #.#.# #...# #...#
  #...# .###. ...#. #..#. .###. #.#.# #...# .###.
  ..... ..... #..#. ..... ..... ..... ..... .....
  ..... ..... .##.. ..... ..... ..... ..... .....
> p     q     r     s     t     u     v     w
  ..... ..... ..... ..... .#... ..... ..... .....
  ..... ..... ..... ..... .#... ..... ..... .....
  ####. .#### #.##. .#### ###.. #...# #...# #...#
  #...# #...# ##..# #.... .#... #...# #...# #...#
  #...# #...# #.... .###. .#... #...# #...# #.#.#
  #...# #...# #.... ....# .#..# #..## .#.#. #.#.#
  ####. .#### #.... ####. ..##. .##.# ..#.. .#.#.
  #.... ....# ..... ..... ..... ..... ..... .....
  #.... ....# ..... ..... ..... ..... ..... .....
> x     y     z     {     |     }     ~
  ..... ..... ..... ...## ..#.. ##... .....
  ..... ..... ..... ..#.. ..#.. ..#.. .....
  #...# #...# ##### ..#.. ..#.. ..#.. .#...
  .#.#. #...# ...#. .#... ..#.. ...#. #.#.#
  ..#.. #...# ..#.. ..#.. ..#.. ..#.. ...#.
  .#.#. #...# .#... ..#.. ..#.. ..#.. .....
  #...# .#### ##### ...## ..#.. ##... .....
  ..... ....# ..... ..... ..#.. ..... .....
  ..... .###. ..... ..... ..... ..... .....
"""#
}
