#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writing files so that readers never see half of one: bytes go to a temporary file in the
/// same directory, which is flushed and renamed over the final name.
public enum AtomicFile {
  /// A file that could not be written.
  public struct WriteError: Error, CustomStringConvertible, Sendable {
    /// The path that was to be written.
    public var path: String
    /// The system's reason.
    public var reason: String
    public var description: String { "cannot write '\(path)': \(reason)" }
  }

  /// Writes `bytes` to `path` atomically.
  /// - Throws: `WriteError` naming the path and the reason (missing directory, permission,
  ///   full disk); no file is left under `path` or the temporary name.
  public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(WriteError) {
    let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    var failure: String? = nil
    let contiguous = Array(bytes)
    contiguous.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          failure = String(cString: strerror(errno))
          return
        }
        offset += n
      }
    }
    if failure == nil && fsync(fd) != 0 && errno != EINVAL { failure = String(cString: strerror(errno)) }
    if close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
    if failure == nil && rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
    if let failure {
      unlink(temporary)
      throw WriteError(path: path, reason: failure)
    }
  }

  /// Writes `text` as UTF-8 to `path` atomically.
  public static func write(_ text: String, to path: String) throws(WriteError) {
    try write(Array(text.utf8), to: path)
  }

  /// Reads a whole file as UTF-8 text.
  /// - Throws: `WriteError` (with the reading reason) when the file cannot be opened.
  public static func read(_ path: String) throws(WriteError) -> String {
    guard let f = fopen(path, "rb") else { throw WriteError(path: path, reason: "cannot read: " + String(cString: strerror(errno))) }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = fread(&chunk, 1, chunk.count, f)
      if n <= 0 { break }
      bytes += chunk[0..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
  #else
    return Darwin.write(fd, buffer, count)
  #endif
}
