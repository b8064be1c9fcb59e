/// Reading and writing JSON text without Foundation's number handling surprises.
///
/// The parser reports the line and column of the first error and what it expected there;
/// doubles are written in Swift's shortest round-trip form, so `Double` values survive exactly.
public enum JSON {
  /// A JSON syntax error with its position.
  public struct SyntaxError: Error, CustomStringConvertible, Sendable {
    /// What was wrong.
    public var message: String
    /// 1-based line of the error.
    public var line: Int
    /// 1-based column of the error.
    public var column: Int
    public var description: String { "invalid JSON at line \(line), column \(column): \(message)" }
  }

  /// Parses JSON text into a value.
  /// - Throws: `SyntaxError` naming the position and the problem.
  public static func parse(_ text: String) throws(SyntaxError) -> JSONValue {
    var parser = Parser(bytes: Array(text.utf8))
    parser.skipSpace()
    let value = try parser.parseValue(depth: 0)
    parser.skipSpace()
    if parser.index < parser.bytes.count { throw parser.error("unexpected text after the value") }
    return value
  }

  /// Serialises a value. Object keys are sorted so output is stable.
  /// - Parameter pretty: indent nested values by two spaces.
  public static func string(_ value: JSONValue, pretty: Bool = false) -> String {
    var out = ""
    write(value, to: &out, pretty: pretty, indent: 0)
    return out
  }

  static func write(_ v: JSONValue, to out: inout String, pretty: Bool, indent: Int) {
    switch v {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .double(let d): out += formatDouble(d)
    case .string(let s): writeString(s, to: &out)
    case .array(let a):
      if a.isEmpty { out += "[]"; return }
      let flat = !pretty || a.allSatisfy { if case .array = $0 { return false }; if case .object = $0 { return false }; return true }
      out += "["
      for (i, e) in a.enumerated() {
        if i > 0 { out += flat ? "," : ",\n" } else if !flat { out += "\n" }
        if !flat { out += String(repeating: " ", count: indent + 2) }
        write(e, to: &out, pretty: pretty, indent: indent + 2)
      }
      if !flat { out += "\n" + String(repeating: " ", count: indent) }
      out += "]"
    case .object(let o):
      if o.isEmpty { out += "{}"; return }
      out += pretty ? "{\n" : "{"
      for (i, key) in o.keys.sorted().enumerated() {
        if i > 0 { out += pretty ? ",\n" : "," }
        if pretty { out += String(repeating: " ", count: indent + 2) }
        writeString(key, to: &out)
        out += pretty ? ": " : ":"
        write(o[key]!, to: &out, pretty: pretty, indent: indent + 2)
      }
      out += pretty ? "\n" + String(repeating: " ", count: indent) + "}" : "}"
    }
  }

  /// Formats a double as JSON: shortest round-trip digits; non-finite values become `null`
  /// (JSON has no NaN), so callers that care must check first.
  public static func formatDouble(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    if d == d.rounded(), abs(d) < 1e16 { return String(Int64(d)) + ".0" }
    return "\(d)"
  }

  static func writeString(_ s: String, to out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }

  struct Parser {
    let bytes: [UInt8]
    var index = 0

    func error(_ message: String) -> SyntaxError {
      var line = 1, column = 1
      for b in bytes[0..<min(index, bytes.count)] {
        if b == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
      }
      return SyntaxError(message: message, line: line, column: column)
    }

    mutating func skipSpace() {
      while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
    }

    mutating func expect(_ literal: String, _ value: JSONValue) throws(SyntaxError) -> JSONValue {
      let l = Array(literal.utf8)
      guard index + l.count <= bytes.count, Array(bytes[index..<index + l.count]) == l else {
        throw error("expected a value (number, string, object, array, true, false or null)")
      }
      index += l.count
      return value
    }

    mutating func parseValue(depth: Int) throws(SyntaxError) -> JSONValue {
      guard depth < 512 else { throw error("nesting deeper than 512 levels") }
      guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
      switch bytes[index] {
      case UInt8(ascii: "{"):
        index += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            throw error("expected a string key in object")
          }
          let key = try parseString()
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
            throw error("expected ':' after object key \"\(key)\"")
          }
          index += 1
          skipSpace()
          members[key] = try parseValue(depth: depth + 1)
          skipSpace()
          guard index < bytes.count else { throw error("unexpected end of input inside an object") }
          if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
          if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
          throw error("expected ',' or '}' in object")
        }
      case UInt8(ascii: "["):
        index += 1
        var elements: [JSONValue] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
        while true {
          skipSpace()
          elements.append(try parseValue(depth: depth + 1))
          skipSpace()
          guard index < bytes.count else { throw error("unexpected end of input inside an array") }
          if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
          if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
          throw error("expected ',' or ']' in array")
        }
      case UInt8(ascii: "\""): return .string(try parseString())
      case UInt8(ascii: "t"): return try expect("true", .bool(true))
      case UInt8(ascii: "f"): return try expect("false", .bool(false))
      case UInt8(ascii: "n"): return try expect("null", .null)
      case UInt8(ascii: "N"): return try expect("NaN", .double(.nan))
      case UInt8(ascii: "I"): return try expect("Infinity", .double(.infinity))
      default: return try parseNumber()
      }
    }

    mutating func parseNumber() throws(SyntaxError) -> JSONValue {
      let start = index
      if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "I") {
          _ = try expect("Infinity", .null)
          return .double(-.infinity)
        }
      }
      var isInteger = true
      while index < bytes.count {
        let b = bytes[index]
        if b >= 0x30 && b <= 0x39 { index += 1; continue }
        if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
          || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
        {
          isInteger = false
          index += 1
          continue
        }
        break
      }
      let text = String(decoding: bytes[start..<index], as: UTF8.self)
      if text.isEmpty || text == "-" {
        throw error("expected a value (number, string, object, array, true, false or null)")
      }
      if isInteger, let i = Int(text) { return .int(i) }
      guard let d = Double(text) else { throw error("malformed number '\(text)'") }
      return .double(d)
    }

    mutating func parseString() throws(SyntaxError) -> String {
      index += 1  // opening quote
      var scalars = String.UnicodeScalarView()
      var run = [UInt8]()
      func flush(_ run: inout [UInt8], _ scalars: inout String.UnicodeScalarView) {
        if !run.isEmpty { scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars); run.removeAll() }
      }
      while index < bytes.count {
        let b = bytes[index]
        if b == UInt8(ascii: "\"") {
          index += 1
          flush(&run, &scalars)
          return String(scalars)
        }
        if b == UInt8(ascii: "\\") {
          flush(&run, &scalars)
          index += 1
          guard index < bytes.count else { break }
          let e = bytes[index]
          index += 1
          switch e {
          case UInt8(ascii: "\""): scalars.append("\"")
          case UInt8(ascii: "\\"): scalars.append("\\")
          case UInt8(ascii: "/"): scalars.append("/")
          case UInt8(ascii: "b"): scalars.append("\u{08}")
          case UInt8(ascii: "f"): scalars.append("\u{0C}")
          case UInt8(ascii: "n"): scalars.append("\n")
          case UInt8(ascii: "r"): scalars.append("\r")
          case UInt8(ascii: "t"): scalars.append("\t")
          case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code), index + 6 <= bytes.count,
              bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            {
              index += 2
              let low = try hex4()
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let s = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
            scalars.append(s)
          default: throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))' in string")
          }
          continue
        }
        if b < 0x20 { throw error("control character inside a string") }
        run.append(b)
        index += 1
      }
      throw error("unterminated string")
    }

    mutating func hex4() throws(SyntaxError) -> UInt32 {
      guard index + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
        throw error("expected four hex digits after \\u")
      }
      index += 4
      return v
    }
  }
}

extension JSONValue: CustomStringConvertible {
  /// Compact JSON text.
  public var description: String { JSON.string(self) }
}
