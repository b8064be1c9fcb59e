import GymCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Safetensors {
  /// The element types of the safetensors format, with their sizes in bytes.
  public enum DType: String, Sendable, CaseIterable {
    case f64 = "F64", f32 = "F32", f16 = "F16", bf16 = "BF16"
    case i64 = "I64", i32 = "I32", i16 = "I16", i8 = "I8"
    case u64 = "U64", u32 = "U32", u16 = "U16", u8 = "U8", bool = "BOOL"

    /// Bytes per element.
    public var size: Int {
      switch self {
      case .f64, .i64, .u64: 8
      case .f32, .i32, .u32: 4
      case .f16, .bf16, .i16, .u16: 2
      case .i8, .u8, .bool: 1
      }
    }

    /// Whether `Archive.floats(_:)` converts it to `Float` (F32, F16, BF16, F64).
    public var isFloatingPoint: Bool { self == .f32 || self == .f16 || self == .bf16 || self == .f64 }
  }

  /// One tensor's header entry.
  public struct Entry: Sendable, Hashable {
    /// The tensor's name.
    public var name: String
    /// Its element type.
    public var dtype: DType
    /// Its dimensions, outermost first.
    public var shape: [Int]
    /// Its bytes, counted from the start of the data (after the header).
    public var byteRange: Range<Int>
    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }
  }

  /// A whole safetensors file held in memory, its header checked, tensors converted on request.
  ///
  /// Unlike `decode(_:)` (F32 only, for SwiftGym's own checkpoints), an archive accepts every
  /// dtype of the format, so files written by PyTorch load even when they hold integer buffers
  /// (BERT's `position_ids`); `floats(_:)` converts F32, F16, BF16 and F64 tensors to `Float`.
  public struct Archive: Sendable {
    /// The file's bytes.
    public let bytes: [UInt8]
    /// Where the tensor data starts in `bytes`.
    public let dataStart: Int
    /// The tensors by name.
    public let entries: [String: Entry]
    /// The `__metadata__` strings.
    public let metadata: [String: String]

    /// Checks the header of `bytes`.
    /// - Throws: `FormatError` saying what is wrong: a truncated file, a header length past the
    ///   end, invalid JSON, an unknown dtype, a shape that does not match the byte range,
    ///   offsets outside the data or overlapping, or bytes no tensor covers.
    /// - Complexity: O(header length + tensors · log tensors).
    public init(bytes: [UInt8]) throws(FormatError) {
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
      guard case .object(let objects) = header else { throw FormatError("the header must be a JSON object, got \(header.kindName)") }
      let dataCount = bytes.count - headerEnd
      var metadata: [String: String] = [:]
      var entries: [String: Entry] = [:]
      for (name, entry) in objects {
        if name == "__metadata__" {
          guard case .object(let m) = entry else { throw FormatError("'__metadata__' must be an object of strings") }
          for (k, v) in m {
            guard let s = v.stringValue else { throw FormatError("metadata '\(k)' must be a string, got \(v.kindName)") }
            metadata[k] = s
          }
          continue
        }
        guard let dtypeName = entry["dtype"]?.stringValue else { throw FormatError("tensor '\(name)' has no dtype") }
        guard let dtype = DType(rawValue: dtypeName) else {
          throw FormatError("tensor '\(name)' has unknown dtype \(dtypeName); safetensors dtypes are \(DType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
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
        var elements = dtype.size
        for d in shape {
          let (p, overflow) = elements.multipliedReportingOverflow(by: d)
          guard !overflow else { throw FormatError("tensor '\(name)' has an impossibly large shape \(shape)") }
          elements = p
        }
        guard end - begin == elements else {
          throw FormatError("tensor '\(name)' of shape \(shape) and dtype \(dtypeName) needs \(elements) bytes, but its data_offsets span \(end - begin)")
        }
        entries[name] = Entry(name: name, dtype: dtype, shape: shape, byteRange: begin..<end)
      }
      let ranges = entries.values.sorted { ($0.byteRange.lowerBound, $0.byteRange.upperBound, $0.name) < ($1.byteRange.lowerBound, $1.byteRange.upperBound, $1.name) }
      var covered = 0
      for r in ranges {
        guard r.byteRange.lowerBound == covered else {
          throw FormatError(r.byteRange.lowerBound < covered ? "tensor '\(r.name)' overlaps the previous tensor's bytes" : "bytes \(covered)..<\(r.byteRange.lowerBound) of the data belong to no tensor")
        }
        covered = r.byteRange.upperBound
      }
      guard covered == dataCount else { throw FormatError("bytes \(covered)..<\(dataCount) of the data belong to no tensor") }
      self.bytes = bytes
      self.dataStart = headerEnd
      self.entries = entries
      self.metadata = metadata
    }

    /// Reads and checks the safetensors file at `path`.
    /// - Throws: `FormatError` naming the path and the problem.
    public init(contentsOf path: String) throws(FormatError) {
      let bytes = try Safetensors.readBytes(path)
      do { try self.init(bytes: bytes) } catch { throw FormatError("\(path): \(error.message)") }
    }

    /// The tensor `name` as `Float`s (F16, BF16 and F64 converted; F32 copied bit for bit).
    /// - Parameter shape: when given, the shape the tensor must have.
    /// - Throws: `FormatError` when there is no such tensor, its dtype is not floating point,
    ///   or its shape differs from `shape`.
    /// - Complexity: O(elements).
    public func floats(_ name: String, shape expected: [Int]? = nil) throws(FormatError) -> Tensor {
      guard let e = entries[name] else {
        throw FormatError("no tensor named '\(name)' (the file has \(entries.count) tensors, e.g. \(entries.keys.sorted().prefix(3).joined(separator: ", ")))")
      }
      guard e.dtype.isFloatingPoint else { throw FormatError("tensor '\(name)' has dtype \(e.dtype.rawValue), not a floating-point type (F32, F16, BF16, F64)") }
      if let expected, expected != e.shape { throw FormatError("tensor '\(name)' has shape \(e.shape), expected \(expected)") }
      let start = dataStart + e.byteRange.lowerBound
      var values = [Float](repeating: 0, count: e.count)
      bytes.withUnsafeBytes { raw in
        let src = raw.baseAddress! + start
        values.withUnsafeMutableBufferPointer { out in
          switch e.dtype {
          case .f32:
            if UInt32(1).littleEndian == 1 {
              _ = memcpy(out.baseAddress!, src, out.count * 4)
            } else {
              for i in 0..<out.count { out[i] = Float(bitPattern: UInt32(littleEndian: src.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
            }
          case .f16:
            for i in 0..<out.count { out[i] = Safetensors.floatFromHalf(UInt16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) }
          case .bf16:
            for i in 0..<out.count { out[i] = Float(bitPattern: UInt32(UInt16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) << 16) }
          case .f64:
            for i in 0..<out.count { out[i] = Float(Double(bitPattern: UInt64(littleEndian: src.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))) }
          default:
            break
          }
        }
      }
      return Tensor(shape: e.shape, values: values)
    }
  }

  /// The value of an IEEE 754 half-precision number given by its bits (subnormals, infinities
  /// and NaN included).
  public static func floatFromHalf(_ h: UInt16) -> Float {
    let sign = UInt32(h & 0x8000) << 16
    let exponent = Int((h >> 10) & 0x1f)
    let mantissa = UInt32(h & 0x3ff)
    switch exponent {
    case 0:
      // Zero or subnormal: mantissa · 2^-24.
      let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
      return sign != 0 ? -magnitude : magnitude
    case 0x1f:
      return Float(bitPattern: sign | 0x7f80_0000 | (mantissa << 13))
    default:
      return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
    }
  }
}
