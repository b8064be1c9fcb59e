#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import GymCore

/// Reading and writing the safetensors container: an 8-byte little-endian header length, a
/// JSON header naming each tensor's dtype, shape and byte range, then the raw little-endian
/// data. Files written here open with Python's `safetensors.numpy.load_file`.
///
/// Only the dtypes SwiftGym's QD files need are supported: `F64` and `I64`. String metadata
/// goes in the header's `__metadata__` object, as the format prescribes.
public enum SafeTensors {
  /// One tensor: a shape and its values, flattened row-major.
  public enum Tensor: Sendable, Hashable {
    /// 64-bit floats.
    case f64(shape: [Int], values: [Double])
    /// 64-bit signed integers.
    case i64(shape: [Int], values: [Int64])

    /// The shape.
    public var shape: [Int] {
      switch self {
      case .f64(let s, _), .i64(let s, _): s
      }
    }

    var dtype: String {
      switch self {
      case .f64: "F64"
      case .i64: "I64"
      }
    }

    var byteCount: Int {
      switch self {
      case .f64(_, let v): v.count * 8
      case .i64(_, let v): v.count * 8
      }
    }
  }

  /// The bytes of a safetensors file holding `tensors` and `metadata` (tensors in name order).
  /// - Precondition: each tensor's value count matches its shape.
  public static func encode(tensors: [String: Tensor], metadata: [String: String]) -> [UInt8] {
    var header: [String: JSONValue] = [:]
    if !metadata.isEmpty { header["__metadata__"] = .object(metadata.mapValues { .string($0) }) }
    var offset = 0
    let names = tensors.keys.sorted()
    for name in names {
      let t = tensors[name]!
      precondition(t.shape.reduce(1, *) * 8 == t.byteCount, "tensor \(name) has \(t.byteCount / 8) values for shape \(t.shape)")
      header[name] = .object([
        "dtype": .string(t.dtype), "shape": .array(t.shape.map { .int($0) }),
        "data_offsets": .array([.int(offset), .int(offset + t.byteCount)]),
      ])
      offset += t.byteCount
    }
    var headerBytes = Array(JSON.string(.object(header)).utf8)
    while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
    var out: [UInt8] = []
    out.reserveCapacity(8 + headerBytes.count + offset)
    appendLittleEndian(UInt64(headerBytes.count), to: &out)
    out += headerBytes
    for name in names {
      switch tensors[name]! {
      case .f64(_, let v): for x in v { appendLittleEndian(x.bitPattern, to: &out) }
      case .i64(_, let v): for x in v { appendLittleEndian(UInt64(bitPattern: x), to: &out) }
      }
    }
    return out
  }

  /// Writes a safetensors file atomically.
  /// - Throws: `QDError` naming the path if it cannot be written.
  public static func write(tensors: [String: Tensor], metadata: [String: String], to path: String) throws(QDError) {
    do {
      try AtomicFile.write(encode(tensors: tensors, metadata: metadata), to: path)
    } catch {
      throw QDError("\(error)")
    }
  }

  /// Parses safetensors bytes.
  /// - Throws: `QDError` saying what is malformed (short file, bad header, unsupported dtype,
  ///   offsets outside the data or overlapping).
  public static func decode(_ bytes: [UInt8], source: String = "input") throws(QDError) -> (tensors: [String: Tensor], metadata: [String: String]) {
    guard bytes.count >= 8 else { throw QDError("\(source): not a safetensors file (only \(bytes.count) bytes)") }
    var n: UInt64 = 0
    for k in 0..<8 { n |= UInt64(bytes[k]) << (8 * UInt64(k)) }
    guard n <= UInt64(bytes.count - 8), n >= 2 else { throw QDError("\(source): header length \(n) does not fit in a file of \(bytes.count) bytes; not a safetensors file or truncated") }
    let headerEnd = 8 + Int(n)
    let text = String(decoding: bytes[8..<headerEnd], as: UTF8.self)
    let header: JSONValue
    do { header = try JSON.parse(text) } catch { throw QDError("\(source): the header is not valid JSON: \(error)") }
    guard case .object(let entries) = header else { throw QDError("\(source): the header must be a JSON object") }
    var metadata: [String: String] = [:]
    var tensors: [String: Tensor] = [:]
    let dataCount = bytes.count - headerEnd
    var ranges: [(Int, Int, String)] = []
    for (name, entry) in entries {
      if name == "__metadata__" {
        guard case .object(let m) = entry else { throw QDError("\(source): __metadata__ must be an object of strings") }
        for (k, v) in m {
          guard case .string(let s) = v else { throw QDError("\(source): metadata \(k) must be a string") }
          metadata[k] = s
        }
        continue
      }
      guard let dtype = entry["dtype"]?.stringValue,
            let shapeValues = entry["shape"]?.arrayValue, let offsets = entry["data_offsets"]?.arrayValue, offsets.count == 2,
            let begin = offsets[0].intValue, let end = offsets[1].intValue
      else { throw QDError("\(source): tensor \(name) needs dtype, shape and two data_offsets") }
      var shape: [Int] = []
      for s in shapeValues {
        guard let d = s.intValue, d >= 0 else { throw QDError("\(source): tensor \(name) has a bad shape \(shapeValues)") }
        shape.append(d)
      }
      guard begin >= 0, begin <= end, end <= dataCount else { throw QDError("\(source): tensor \(name)'s bytes \(begin)..<\(end) fall outside the \(dataCount) data bytes (truncated file?)") }
      let count = shape.reduce(1, *)
      guard dtype == "F64" || dtype == "I64" else { throw QDError("\(source): tensor \(name) has dtype \(dtype); only F64 and I64 are supported") }
      guard count * 8 == end - begin else { throw QDError("\(source): tensor \(name) has \(end - begin) bytes for shape \(shape) of \(dtype)") }
      ranges.append((begin, end, name))
      let base = headerEnd + begin
      func word(_ i: Int) -> UInt64 {
        var w: UInt64 = 0
        for k in 0..<8 { w |= UInt64(bytes[base + i * 8 + k]) << (8 * UInt64(k)) }
        return w
      }
      if dtype == "F64" {
        tensors[name] = .f64(shape: shape, values: (0..<count).map { Double(bitPattern: word($0)) })
      } else {
        tensors[name] = .i64(shape: shape, values: (0..<count).map { Int64(bitPattern: word($0)) })
      }
    }
    ranges.sort { $0.0 < $1.0 }
    for k in 1..<max(1, ranges.count) where ranges[k].0 < ranges[k - 1].1 {
      throw QDError("\(source): tensors \(ranges[k - 1].2) and \(ranges[k].2) overlap")
    }
    return (tensors, metadata)
  }

  /// Reads a safetensors file.
  /// - Throws: `QDError` if the file cannot be read or is malformed.
  public static func read(_ path: String) throws(QDError) -> (tensors: [String: Tensor], metadata: [String: String]) {
    try decode(try readBytes(path), source: path)
  }

  /// The whole content of a file.
  static func readBytes(_ path: String) throws(QDError) -> [UInt8] {
    guard let f = fopen(path, "rb") else { throw QDError("cannot read '\(path)': \(String(cString: strerror(errno)))") }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = fread(&chunk, 1, chunk.count, f)
      if n <= 0 { break }
      bytes += chunk[0..<n]
    }
    if ferror(f) != 0 { throw QDError("cannot read '\(path)': read error") }
    return bytes
  }

  static func appendLittleEndian(_ v: UInt64, to out: inout [UInt8]) {
    for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) }
  }
}

extension SafeTensors.Tensor {
  /// The values as doubles, checking the shape.
  func doubles(_ name: String, shape expected: [Int]) throws(QDError) -> [Double] {
    guard case .f64(let shape, let v) = self else { throw QDError("tensor \(name) must be F64") }
    guard shape == expected else { throw QDError("tensor \(name) has shape \(shape), expected \(expected)") }
    return v
  }

  /// The values as integers, checking the shape.
  func integers(_ name: String, shape expected: [Int]) throws(QDError) -> [Int64] {
    guard case .i64(let shape, let v) = self else { throw QDError("tensor \(name) must be I64") }
    guard shape == expected else { throw QDError("tensor \(name) has shape \(shape), expected \(expected)") }
    return v
  }
}
