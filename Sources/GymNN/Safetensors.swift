import GymCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading and writing the safetensors format (Hugging Face), so weights move between SwiftGym
/// and PyTorch (`safetensors.torch.load_file`).
///
/// A file is: 8 bytes holding the header length `N` as a little-endian `UInt64`; `N` bytes of
/// UTF-8 JSON mapping each tensor name to `{"dtype", "shape", "data_offsets": [begin, end]}`
/// plus an optional `"__metadata__"` object of strings; then the tensor bytes, offsets counted
/// from the end of the header. Only `F32` (little-endian IEEE single) is supported. Values are
/// copied by bit pattern, so a file read back gives identical bits, NaN payloads included.
public enum Safetensors {
  /// One tensor: a shape and its elements in row-major order.
  public struct Tensor: Sendable, Hashable {
    /// The dimensions, outermost first (empty for a scalar).
    public var shape: [Int]
    /// `shape.reduce(1, *)` elements.
    public var values: [Float]

    /// A tensor.
    /// - Precondition: `values.count` is the product of `shape`.
    public init(shape: [Int], values: [Float]) {
      precondition(shape.allSatisfy { $0 >= 0 } && values.count == shape.reduce(1, *), "a tensor of shape \(shape) needs \(shape.reduce(1, *)) values, got \(values.count)")
      self.shape = shape
      self.values = values
    }
  }

  /// A file that is not valid safetensors, or does not fit the model it is loaded into.
  public struct FormatError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What was wrong.
    public var message: String
    /// An error with this message.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
  }

  /// The bytes of a safetensors file holding `tensors` (in name order) and `metadata`.
  /// - Complexity: O(total elements).
  public static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:]) -> [UInt8] {
    precondition(tensors["__metadata__"] == nil, "'__metadata__' is reserved")
    let names = tensors.keys.sorted()
    var header: [String: JSONValue] = [:]
    var offset = 0
    for name in names {
      let t = tensors[name]!
      let bytes = t.values.count * 4
      header[name] = [
        "dtype": "F32", "shape": .array(t.shape.map { .int($0) }),
        "data_offsets": .array([.int(offset), .int(offset + bytes)]),
      ]
      offset += bytes
    }
    if !metadata.isEmpty { header["__metadata__"] = .object(metadata.mapValues { .string($0) }) }
    var json = Array(JSON.string(.object(header)).utf8)
    // Pad with spaces so that the tensor data starts on an 8-byte boundary.
    while json.count % 8 != 0 { json.append(0x20) }
    var out: [UInt8] = []
    out.reserveCapacity(8 + json.count + offset)
    let n = UInt64(json.count)
    for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: n >> (8 * UInt64(i)))) }
    out += json
    for name in names {
      for v in tensors[name]!.values {
        let bits = v.bitPattern
        out.append(UInt8(truncatingIfNeeded: bits))
        out.append(UInt8(truncatingIfNeeded: bits >> 8))
        out.append(UInt8(truncatingIfNeeded: bits >> 16))
        out.append(UInt8(truncatingIfNeeded: bits >> 24))
      }
    }
    return out
  }

  /// The tensors and metadata in the bytes of a safetensors file.
  /// - Throws: `FormatError` saying what is wrong: a truncated file, a header length past the
  ///   end, invalid JSON, a dtype other than F32, a shape that does not match the byte range,
  ///   offsets outside the data or overlapping, or bytes no tensor covers.
  public static func decode(_ bytes: [UInt8]) throws(FormatError) -> (tensors: [String: Tensor], metadata: [String: String]) {
    guard bytes.count >= 8 else { throw FormatError("file too short for a safetensors header: \(bytes.count) bytes, need at least 8") }
    var n: UInt64 = 0
    for i in 0..<8 { n |= UInt64(bytes[i]) << (8 * UInt64(i)) }
    guard n <= UInt64(bytes.count - 8) else {
      throw FormatError("header length \(n) exceeds the file's remaining \(bytes.count - 8) bytes (truncated or not a safetensors file)")
    }
    let headerEnd = 8 + Int(n)
    guard let text = String(validating: bytes[8..<headerEnd], as: UTF8.self) else {
      throw FormatError("the header is not valid UTF-8 (not a safetensors file?)")
    }
    let header: JSONValue
    do { header = try JSON.parse(text) } catch { throw FormatError("the header is not valid JSON: \(error)") }
    guard case .object(let entries) = header else { throw FormatError("the header must be a JSON object, got \(header.kindName)") }
    let dataCount = bytes.count - headerEnd
    var metadata: [String: String] = [:]
    var tensors: [String: Tensor] = [:]
    var ranges: [(begin: Int, end: Int, name: String)] = []
    for (name, entry) in entries {
      if name == "__metadata__" {
        guard case .object(let m) = entry else { throw FormatError("'__metadata__' must be an object of strings") }
        for (k, v) in m {
          guard let s = v.stringValue else { throw FormatError("metadata '\(k)' must be a string, got \(v.kindName)") }
          metadata[k] = s
        }
        continue
      }
      guard let dtype = entry["dtype"]?.stringValue else { throw FormatError("tensor '\(name)' has no dtype") }
      guard dtype == "F32" else { throw FormatError("tensor '\(name)' has dtype \(dtype); only F32 is supported") }
      guard let shapeValues = entry["shape"]?.arrayValue else { throw FormatError("tensor '\(name)' has no shape array") }
      var shape: [Int] = []
      for d in shapeValues {
        guard let i = d.intValue, i >= 0 else { throw FormatError("tensor '\(name)' has an invalid dimension \(d)") }
        shape.append(i)
      }
      guard let offsets = entry["data_offsets"]?.arrayValue, offsets.count == 2,
        let begin = offsets[0].intValue, let end = offsets[1].intValue
      else { throw FormatError("tensor '\(name)' needs data_offsets [begin, end]") }
      guard begin >= 0, begin <= end, end <= dataCount else {
        throw FormatError("tensor '\(name)' has data_offsets [\(begin), \(end)] outside the \(dataCount) data bytes")
      }
      var elements = 1
      for d in shape {
        let (p, overflow) = elements.multipliedReportingOverflow(by: d)
        guard !overflow else { throw FormatError("tensor '\(name)' has an impossibly large shape \(shape)") }
        elements = p
      }
      guard end - begin == elements * 4 else {
        throw FormatError("tensor '\(name)' of shape \(shape) needs \(elements * 4) bytes, but its data_offsets span \(end - begin)")
      }
      var values = [Float](repeating: 0, count: elements)
      for i in 0..<elements {
        let p = headerEnd + begin + 4 * i
        let bits = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
        values[i] = Float(bitPattern: bits)
      }
      tensors[name] = Tensor(shape: shape, values: values)
      ranges.append((begin, end, name))
    }
    ranges.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
    var covered = 0
    for r in ranges {
      guard r.begin == covered else {
        throw FormatError(r.begin < covered ? "tensor '\(r.name)' overlaps the previous tensor's bytes" : "bytes \(covered)..<\(r.begin) of the data belong to no tensor")
      }
      covered = r.end
    }
    guard covered == dataCount else { throw FormatError("bytes \(covered)..<\(dataCount) of the data belong to no tensor") }
    return (tensors, metadata)
  }

  /// Writes `tensors` to `path` atomically (a reader never sees half a file).
  /// - Throws: `AtomicFile.WriteError` naming the path and the reason.
  public static func write(_ tensors: [String: Tensor], metadata: [String: String] = [:], to path: String) throws {
    try AtomicFile.write(encode(tensors, metadata: metadata), to: path)
  }

  /// Reads the safetensors file at `path`.
  /// - Throws: `FormatError` when the file cannot be read or is not valid safetensors (the
  ///   message names the path).
  public static func read(_ path: String) throws(FormatError) -> (tensors: [String: Tensor], metadata: [String: String]) {
    let bytes = try readBytes(path)
    do { return try decode(bytes) } catch { throw FormatError("\(path): \(error.message)") }
  }

  /// The whole contents of a file.
  /// - Throws: `FormatError` naming the path and the system's reason.
  public static func readBytes(_ path: String) throws(FormatError) -> [UInt8] {
    guard let f = fopen(path, "rb") else { throw FormatError("cannot read '\(path)': \(String(cString: strerror(errno)))") }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let got = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
      if got > 0 { bytes += chunk[0..<got] }
      if got < chunk.count {
        if ferror(f) != 0 { throw FormatError("error reading '\(path)': \(String(cString: strerror(errno)))") }
        break
      }
    }
    return bytes
  }
}
