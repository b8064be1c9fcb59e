import GymCore
import Testing

@testable import GymRender

@Suite("BitmapFont")
struct BitmapFontTests {
  @Test("every printable ASCII character except space has a glyph, and they all differ")
  func glyphs() {
    var seen: [[Bool]: Character] = [:]
    for v in 33...126 {
      let s = Unicode.Scalar(UInt8(v))
      let bits = (0..<9).flatMap { y in (0..<5).map { x in BitmapFont.isSet(s, x: x, y: y) } }
      #expect(bits.contains(true), "\(Character(s)) is blank")
      #expect(seen[bits] == nil, "\(Character(s)) looks like \(seen[bits].map(String.init) ?? "")")
      seen[bits] = Character(s)
    }
    #expect((0..<9).allSatisfy { y in (0..<5).allSatisfy { x in !BitmapFont.isSet(" ", x: x, y: y) } })
  }

  @Test("A is drawn as designed; descenders sit below the baseline")
  func shapes() {
    let a = (0..<7).map { y in String((0..<5).map { x in BitmapFont.isSet("A", x: x, y: y) ? "#" : "." }) }
    #expect(a == [".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"])
    #expect((0..<5).contains { BitmapFont.isSet("g", x: $0, y: 8) })
    #expect(!(0..<5).contains { BitmapFont.isSet("a", x: $0, y: 7) })
    // Unprintable characters fall back to '?'.
    #expect((0..<9).allSatisfy { y in (0..<5).allSatisfy { x in BitmapFont.isSet("é", x: x, y: y) == BitmapFont.isSet("?", x: x, y: y) } })
  }

  @Test("measure: advance 6, line height 11, scaled")
  func measure() {
    #expect(BitmapFont.measure("") == (0, 0))
    #expect(BitmapFont.measure("a") == (5, 9))
    #expect(BitmapFont.measure("ab\ncde") == (17, 20))
    #expect(BitmapFont.measure("ab\ncde", scale: 3) == (51, 60))
  }

  @Test("drawn text stays inside the rectangle drawText returns, for every anchor")
  func placement() {
    let anchors: [TextAnchor] = [.topLeft, .top, .topRight, .left, .center, .right, .bottomLeft, .bottom, .bottomRight, .baselineLeft]
    for orientation in [TextOrientation.horizontal, .vertical] {
      for anchor in anchors {
        var c = Canvas(width: 120, height: 120)
        let r = c.drawText("Wg|\nxy", at: Point(60, 60), scale: 2, color: .black, anchor: anchor, orientation: orientation)
        #expect(r.width == (orientation == .horizontal ? 34 : 40))
        var inside = 0
        for y in 0..<120 {
          for x in 0..<120 where c[x, y] != .white {
            let within = Double(x) >= r.x && Double(x) < r.maxX && Double(y) >= r.y && Double(y) < r.maxY
            #expect(within, "\(anchor) \(orientation): ink at (\(x), \(y)) outside \(r)")
            inside += 1
          }
        }
        #expect(inside > 50)
      }
    }
  }
}
