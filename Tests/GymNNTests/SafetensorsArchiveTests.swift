import GymNN
import Testing

/// A safetensors file with this header JSON and data bytes.
private func file(_ json: String, _ data: [UInt8]) -> [UInt8] {
  var b: [UInt8] = []
  let n = UInt64(json.utf8.count)
  for i in 0..<8 { b.append(UInt8(truncatingIfNeeded: n >> (8 * UInt64(i)))) }
  return b + Array(json.utf8) + data
}

@Suite struct SafetensorsArchiveTests {
  @Test func halfBFloatAndDoubleConvertAndIntegersAreListed() throws {
    // F16: 1, -2, 65504 (largest), 2^-24 (smallest subnormal), +inf; BF16: 1.5, -0.5;
    // F64: 0.1; I64 position ids 0, 1 (as in BERT files).
    let half: [UInt8] = [0x00, 0x3C, 0x00, 0xC0, 0xFF, 0x7B, 0x01, 0x00, 0x00, 0x7C]
    let bf16: [UInt8] = [0xC0, 0x3F, 0x00, 0xBF]
    let f64: [UInt8] = [0x9A, 0x99, 0x99, 0x99, 0x99, 0x99, 0xB9, 0x3F]
    let i64: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    let json = #"{"__metadata__":{"format":"pt"},"h":{"dtype":"F16","shape":[5],"data_offsets":[0,10]},"b":{"dtype":"BF16","shape":[1,2],"data_offsets":[10,14]},"d":{"dtype":"F64","shape":[],"data_offsets":[14,22]},"ids":{"dtype":"I64","shape":[1,2],"data_offsets":[22,38]}}"#
    let archive = try Safetensors.Archive(bytes: file(json, half + bf16 + f64 + i64))
    #expect(archive.metadata == ["format": "pt"])
    #expect(archive.entries["ids"]?.dtype == .i64 && archive.entries["ids"]?.shape == [1, 2])
    #expect(try archive.floats("h").values == [1, -2, 65504, Float(sign: .plus, exponent: -24, significand: 1), .infinity])
    #expect(try archive.floats("b", shape: [1, 2]).values == [1.5, -0.5])
    #expect(try archive.floats("d").values == [Float(0.1)])
    #expect(Safetensors.floatFromHalf(0x8000).sign == .minus && Safetensors.floatFromHalf(0x7E00).isNaN)
    // The F32-only decoder of SwiftGym's checkpoints still refuses such a file.
    #expect(throws: Safetensors.FormatError.self) { try Safetensors.decode(file(json, half + bf16 + f64 + i64)) }
  }

  @Test func malformedFilesAndWrongRequestsAreNamed() throws {
    func message(_ body: () throws -> Void) -> String {
      do {
        try body()
        return "no error"
      } catch let error as Safetensors.FormatError { return error.message } catch { return "another error: \(error)" }
    }
    #expect(message { _ = try Safetensors.Archive(bytes: file(#"{"w":{"dtype":"Q4","shape":[2],"data_offsets":[0,2]}}"#, [0, 0])) }.contains("unknown dtype Q4"))
    #expect(message { _ = try Safetensors.Archive(bytes: file(#"{"w":{"dtype":"F16","shape":[3],"data_offsets":[0,4]}}"#, [0, 0, 0, 0])) }.contains("needs 6 bytes"))
    #expect(message { _ = try Safetensors.Archive(bytes: file(#"{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#, [0, 0, 0, 0, 0, 0])) }.contains("belong to no tensor"))
    #expect(message { _ = try Safetensors.Archive(bytes: [1, 0, 0, 0, 0, 0, 0, 0]) }.contains("exceeds"))
    #expect(message { _ = try Safetensors.Archive(contentsOf: "/nonexistent/model.safetensors") }.contains("/nonexistent/model.safetensors"))
    let archive = try Safetensors.Archive(bytes: file(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"i":{"dtype":"I32","shape":[1],"data_offsets":[8,12]}}"#, [UInt8](repeating: 0, count: 12)))
    #expect(message { _ = try archive.floats("v") }.contains("no tensor named 'v'"))
    #expect(message { _ = try archive.floats("w", shape: [1, 2]) }.contains("has shape [2], expected [1, 2]"))
    #expect(message { _ = try archive.floats("i") }.contains("not a floating-point type"))
  }
}
