import GymCore
import Testing

@testable import GymRender

@Suite("APNG")
struct APNGTests {
  /// Small frames that differ from each other.
  static let frames: [Frame] = (0..<7).map { i in
    var c = Canvas(width: 48, height: 32, background: .white)
    c.fillCircle(center: Point(Double(6 + i * 6), 16), radius: 5, color: Color.series(i))
    c.drawText("\(i)", at: Point(2, 2), color: .black)
    return c.frame
  }

  func encode(fps: Double = 12, loops: Int = 0) throws -> [UInt8] {
    var encoder = APNGEncoder(framesPerSecond: fps, loopCount: loops)
    for f in Self.frames { try encoder.append(f) }
    #expect(encoder.frameCount == Self.frames.count)
    return try encoder.encoded()
  }

  @Test("chunk layout: acTL frame count, fcTL/fdAT sequence numbers, valid CRCs")
  func structure() throws {
    let chunks = readChunks(try encode(loops: 3))
    let allCRCsValid = chunks.allSatisfy { $0.crcValid }
    #expect(allCRCsValid)
    #expect(chunks.first?.type == "IHDR")
    #expect(chunks.last?.type == "IEND")
    let actlIndex = try #require(chunks.firstIndex { $0.type == "acTL" })
    let firstIDAT = try #require(chunks.firstIndex { $0.type == "IDAT" })
    #expect(actlIndex < firstIDAT)
    let actl = chunks[actlIndex].data
    #expect(be32(actl, 0) == UInt32(Self.frames.count))
    #expect(be32(actl, 4) == 3)
    // Sequence numbers run 0, 1, 2, … across fcTL and fdAT in file order.
    var expected: UInt32 = 0
    var fctlCount = 0
    for chunk in chunks where chunk.type == "fcTL" || chunk.type == "fdAT" {
      #expect(be32(chunk.data, 0) == expected)
      expected += 1
      if chunk.type == "fcTL" {
        fctlCount += 1
        #expect(be32(chunk.data, 4) == 48 && be32(chunk.data, 8) == 32)  // full-frame size
        #expect(be32(chunk.data, 12) == 0 && be32(chunk.data, 16) == 0)  // no offset
        #expect(be16(chunk.data, 20) == 1 && be16(chunk.data, 22) == 12)  // 1/12 s
      }
    }
    #expect(fctlCount == Self.frames.count)
    // The default image is the first frame: its fcTL precedes IDAT.
    #expect(chunks[firstIDAT - 1].type == "fcTL" && be32(chunks[firstIDAT - 1].data, 0) == 0)
  }

  @Test("libpng decodes the APNG as a normal PNG showing the first frame")
  func firstFrameDecodes() throws {
    #expect(try PNG.decode(try encode()) == Self.frames[0])
  }

  @Test("every frame's data, re-wrapped as a plain PNG, decodes to that frame")
  func everyFrameDecodes() throws {
    let chunks = readChunks(try encode())
    let ihdr = try #require(chunks.first { $0.type == "IHDR" }).data
    var frameData: [[UInt8]] = []
    for chunk in chunks {
      switch chunk.type {
      case "fcTL": frameData.append([])
      case "IDAT": frameData[frameData.count - 1] += chunk.data
      case "fdAT": frameData[frameData.count - 1] += chunk.data.dropFirst(4)
      default: break
      }
    }
    #expect(frameData.count == Self.frames.count)
    for (k, data) in frameData.enumerated() {
      let png = writeChunks([("IHDR", ihdr), ("IDAT", data), ("IEND", [])])
      #expect(try PNG.decode(png) == Self.frames[k], "frame \(k)")
    }
  }

  @Test("frame delay for fractional rates", arguments: [(30.0, 1, 30), (12.5, 80, 1000), (0.5, 2000, 1000)] as [(Double, UInt16, UInt16)])
  func delay(fps: Double, numerator: UInt16, denominator: UInt16) {
    let d = APNGEncoder(framesPerSecond: fps).delay()
    #expect(d.0 == numerator && d.1 == denominator)
  }

  @Test("a frame of another size is rejected; an empty animation cannot be encoded")
  func errors() throws {
    var encoder = APNGEncoder()
    #expect(throws: RenderError.self) { try encoder.encoded() }
    try encoder.append(Frame(width: 10, height: 10))
    let error = #expect(throws: RenderError.self) { try encoder.append(Frame(width: 11, height: 10)) }
    #expect(error?.message.contains("11×10") == true)
    #expect(encoder.frameCount == 1)
  }
}
