import GymCore
import Testing

@testable import GymQD

@Suite("Archive files")
struct ArchiveIOTests {
  static func filled(_ layout: ArchiveLayout, learningRate: Double? = nil, thresholdMin: Double = -.infinity) throws -> Archive {
    var archive = try Archive(solutionDim: 3, layout: layout, learningRate: learningRate, thresholdMin: thresholdMin, qdScoreOffset: -1)
    var rng = GymRandom(seed: 11)
    for _ in 0..<30 {
      let sols = (0..<15).map { _ in rng.uniform(-1, 1) }
      let objs = (0..<5).map { _ in rng.uniform(0, 10) }
      let meas = (0..<10).map { _ in rng.uniform(-1.2, 1.2) }
      try archive.add(solutions: sols, objectives: objs, measures: meas)
    }
    return archive
  }

  static func layouts() throws -> [(String, Archive)] {
    [
      ("grid", try filled(.grid(GridLayout(dims: [6, 5], ranges: [(-1, 1), (-1, 1)])))),
      ("grid-mae", try filled(.grid(GridLayout(dims: [6, 5], ranges: [(-1, 1), (-1, 1)])), learningRate: 0.05, thresholdMin: 0)),
      ("cvt", try filled(.cvt(CVTLayout.kMeans(cells: 20, ranges: [(-1, 1), (-1, 1)], samples: 2000, seed: 1)))),
      ("sliding", try filled(.slidingBoundaries(SlidingBoundariesLayout(dims: [4, 4], ranges: [(-1, 1), (-1, 1)], remapFrequency: 7, bufferCapacity: 20)))),
    ]
  }

  @Test("an archive written and read back is identical, and keeps evolving identically")
  func roundTrip() throws {
    for (name, archive) in try Self.layouts() {
      let path = TestData.temporaryPath("\(name).safetensors")
      defer { unlink(path) }
      try archive.write(to: path)
      var read = try Archive(contentsOf: path)
      #expect(read == archive, "\(name)")
      #expect(read.stats == archive.stats, "\(name)")
      // The same further additions give the same archives (the sliding buffer came back too).
      var original = archive
      let sols = [Double](repeating: 0.25, count: 3 * 8)
      let objs: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
      let meas: [Double] = [0.1, 0.2, -0.5, 0.5, 0.9, -0.9, 0.3, 0.3, 0, 0, -1, 1, 1, -1, 0.7, 0.2]
      try original.add(solutions: sols, objectives: objs, measures: meas)
      try read.add(solutions: sols, objectives: objs, measures: meas)
      #expect(read == original, "\(name)")
    }
  }

  @Test("the file is a valid safetensors container with documented tensors")
  func safetensorsLayout() throws {
    let archive = try Self.layouts()[0].1
    let (tensors, metadata) = archive.encodedTensors()
    let bytes = SafeTensors.encode(tensors: tensors, metadata: ["format": Archive.fileFormat, "version": "1"])
    var n = 0
    for k in 0..<8 { n |= Int(bytes[k]) << (8 * k) }
    #expect(n % 8 == 0)
    #expect(bytes[8] == UInt8(ascii: "{"))
    let decoded = try SafeTensors.decode(bytes)
    #expect(decoded.tensors == tensors)
    #expect(decoded.tensors["solutions"]?.shape == [archive.numElites, 3])
    #expect(metadata["kind"]?.stringValue == "grid")
  }

  @Test("malformed files give clear errors")
  func badFiles() throws {
    let path = TestData.temporaryPath("bad.safetensors")
    defer { unlink(path) }
    #expect(throws: QDError.self) { try Archive(contentsOf: path) }  // missing
    try AtomicFile.write("hello", to: path)
    let short = try #require(throws: QDError.self) { try Archive(contentsOf: path) }
    #expect(short.message.contains("not a safetensors file"))
    try SafeTensors.write(tensors: [:], metadata: ["format": "other"], to: path)
    let other = try #require(throws: QDError.self) { try Archive(contentsOf: path) }
    #expect(other.message.contains("not a SwiftGym QD archive"))
    // A truncated archive.
    try Self.layouts()[0].1.write(to: path)
    let bytes = try SafeTensors.readBytes(path)
    try AtomicFile.write(Array(bytes.dropLast(40)), to: path)
    let truncated = try #require(throws: QDError.self) { try Archive(contentsOf: path) }
    #expect(truncated.message.contains("truncated") || truncated.message.contains("outside"))
  }
}

#if canImport(Glibc)
  import Glibc
#endif
