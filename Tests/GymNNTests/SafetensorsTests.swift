import GymCore
import GymNN
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A fresh path in the system's temporary directory.
func temporaryPath(_ name: String) -> String {
  "/tmp/swiftgym-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(name)"
}

@Suite struct SafetensorsTests {
  /// Floats whose bits are easy to lose: signed zero, subnormals, infinities, NaN payloads.
  static let awkward: [Float] = [
    0, -0.0, 1, -1, .pi, .ulpOfOne, .leastNonzeroMagnitude, -.leastNormalMagnitude, .greatestFiniteMagnitude,
    .infinity, -.infinity, Float(bitPattern: 0x7FC0_1234), Float(bitPattern: 0xFF80_0001), .leastNormalMagnitude / 3, 3.4028e38, 0.1,
  ]

  @Test func roundTripIsBitForBit() throws {
    var rng = GymRandom(seed: 1)
    let random = (0..<1000).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: rng.next())) }
    let tensors: [String: Safetensors.Tensor] = [
      "awkward": .init(shape: [4, 4], values: Self.awkward),
      "random": .init(shape: [10, 10, 10], values: random),
      "scalar": .init(shape: [], values: [42]),
      "empty": .init(shape: [0, 3], values: []),
    ]
    let path = temporaryPath("roundtrip.safetensors")
    defer { unlink(path) }
    try Safetensors.write(tensors, metadata: ["format": "pt", "step": "12"], to: path)
    let (back, metadata) = try Safetensors.read(path)
    #expect(metadata == ["format": "pt", "step": "12"])
    #expect(Set(back.keys) == Set(tensors.keys))
    for (name, t) in tensors {
      #expect(back[name]!.shape == t.shape)
      #expect(back[name]!.values.map(\.bitPattern) == t.values.map(\.bitPattern), "\(name)")
    }
    // Encoding is deterministic, and re-encoding what was read gives the same bytes.
    #expect(Safetensors.encode(back, metadata: metadata) == (try Safetensors.readBytes(path)))
  }

  @Test func layoutFollowsTheSpecification() throws {
    let bytes = Safetensors.encode(["b": .init(shape: [2], values: [1, 2]), "a": .init(shape: [1], values: [-2])])
    var n = 0
    for i in 0..<8 { n |= Int(bytes[i]) << (8 * i) }
    #expect(n % 8 == 0 && bytes.count == 8 + n + 12)
    let header = try JSON.parse(String(decoding: bytes[8..<8 + n], as: UTF8.self))
    #expect(header["a"]?["dtype"] == "F32")
    #expect(header["a"]?["data_offsets"] == [0, 4])
    #expect(header["b"]?["data_offsets"] == [4, 12])
    #expect(header["b"]?["shape"] == [2])
    // −2 as little-endian IEEE single is 00 00 00 C0.
    #expect(Array(bytes[8 + n..<8 + n + 4]) == [0, 0, 0, 0xC0])
  }

  @Test func readsAFileLaidOutAsPythonWritesIt() throws {
    // serde_json's field order (dtype, shape, data_offsets), no padding, metadata first.
    let json = #"{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[1,2],"data_offsets":[0,8]}}"#
    var bytes: [UInt8] = []
    let n = UInt64(json.utf8.count)
    for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: n >> (8 * UInt64(i)))) }
    bytes += Array(json.utf8)
    bytes += [0, 0, 0x80, 0x3F, 0, 0, 0, 0x40]  // 1.0, 2.0
    let (t, m) = try Safetensors.decode(bytes)
    #expect(t["w"] == Safetensors.Tensor(shape: [1, 2], values: [1, 2]))
    #expect(m["format"] == "pt")
  }

  @Test func corruptFilesGiveClearErrors() {
    let good = Safetensors.encode(["w": .init(shape: [2], values: [1, 2])])
    func message(_ bytes: [UInt8]) -> String {
      do {
        _ = try Safetensors.decode(bytes)
        return "no error"
      } catch { return error.message }
    }
    #expect(message([1, 2, 3]).contains("too short"))
    #expect(message(Array(good.dropLast(1))).contains("data_offsets"))
    #expect(message(good + [0, 0, 0, 0]).contains("belong to no tensor"))
    var hugeHeader = good
    hugeHeader[7] = 0x10
    #expect(message(hugeHeader).contains("exceeds"))
    func withHeader(_ json: String, data: Int) -> [UInt8] {
      var b: [UInt8] = []
      let n = UInt64(json.utf8.count)
      for i in 0..<8 { b.append(UInt8(truncatingIfNeeded: n >> (8 * UInt64(i)))) }
      return b + Array(json.utf8) + [UInt8](repeating: 0, count: data)
    }
    #expect(message(withHeader(#"{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#, data: 4)).contains("only F32"))
    #expect(message(withHeader(#"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: 8)).contains("needs 12 bytes"))
    #expect(message(withHeader(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: 8)).contains("overlaps"))
    #expect(message(withHeader(#"{"w": [1, 2"#, data: 0)).contains("not valid JSON"))
    #expect(message(withHeader(#"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}"#, data: 0)).contains("invalid dimension"))
    #expect(throws: Safetensors.FormatError.self) { try Safetensors.read("/nonexistent/dir/model.safetensors") }
  }

  @Test func parametersSaveAndLoadAndRejectOtherModels() throws {
    let specs = MLP.specifications(prefix: "actor", sizes: [4, 8, 2])
    let p = Parameters(specs)
    var rng = GymRandom(seed: 3)
    MLP(prefix: "actor", sizes: [4, 8, 2], parameters: p).initializeOrthogonal(hiddenGain: 1.4, outputGain: 0.01, rng: &rng)
    let q = Parameters(specs)
    try q.load(p.namedTensors())
    #expect(Array(q.values) == Array(p.values))
    var missing = p.namedTensors()
    missing["actor.2.bias"] = nil
    #expect(throws: Safetensors.FormatError.self) { try q.load(missing) }
    var extra = p.namedTensors()
    extra["critic.0.weight"] = .init(shape: [1], values: [0])
    #expect(throws: Safetensors.FormatError.self) { try q.load(extra) }
    var reshaped = p.namedTensors()
    reshaped["actor.0.weight"] = .init(shape: [4, 8], values: reshaped["actor.0.weight"]!.values)
    do {
      try q.load(reshaped)
      Issue.record("expected a shape error")
    } catch { #expect(error.message.contains("[4, 8]") && error.message.contains("[8, 4]")) }
  }
}
