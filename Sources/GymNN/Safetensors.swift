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
    let archive = try Archive(bytes: bytes)
    var tensors: [String: Tensor] = [:]
    for (name, entry) in archive.entries {
      guard entry.dtype == .f32 else { throw FormatError("tensor '\(name)' has dtype \(entry.dtype.rawValue); only F32 is supported") }
      tensors[name] = try archive.floats(name)
    }
    return (tensors, archive.metadata)
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
    // Reserve the file's size when it can be known (a model file is ~100 MB).
    if fseek(f, 0, SEEK_END) == 0 {
      let size = ftell(f)
      if size > 0 { bytes.reserveCapacity(size) }
      rewind(f)
    }
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
