#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file reads and writes; writes never leave a partial file under the final name.
///
/// Bytes go to a temporary file in the same directory, which is renamed over the final name
/// once everything is written. On any failure the temporary file is removed and the error names
/// the path and the system's reason (a missing directory, permissions, a full disk).
public enum AtomicFile {
  /// A file that could not be read or written.
  public struct FileError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, naming the path.
    public var message: String
    /// An error with this message.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
  }

  /// A function with `write(2)`'s contract; tests replace it to simulate a full disk.
  public typealias Writer = (Int32, UnsafeRawPointer, Int) -> Int

  /// Writes `bytes` to `path` atomically.
  /// - Throws: `FileError` naming `path` and the reason; no file is left behind.
  public static func write(
    _ bytes: some Collection<UInt8>, to path: String, writer: Writer = { fd, p, n in systemWrite(fd, p, n) }
  ) throws(FileError) {
    guard !path.isEmpty else { throw FileError("cannot write file: the path is empty") }
    let (directory, name) = split(path)
    guard !name.isEmpty else { throw FileError("cannot write '\(path)': the path names a directory") }
    let (temporary, fd) = createScratch(directory, name, "tmp")
    guard fd >= 0 else {
      throw FileError("cannot write '\(path)': \(errorText(errno)) (creating a temporary file in '\(directory.isEmpty ? "." : directory)')")
    }
    var failure: Int32 = 0
    let contiguous = Array(bytes)
    contiguous.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = writer(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        if n == 0 {
          failure = EIO
          return
        }
        offset += n
      }
    }
    if close(fd) != 0 && failure == 0 { failure = errno }
    if failure == 0 && rename(temporary, path) != 0 { failure = errno }
    if failure != 0 {
      unlink(temporary)
      throw FileError("cannot write '\(path)': \(errorText(failure))")
    }
  }

  /// Writes `text` as UTF-8 to `path` atomically.
  public static func write(_ text: String, to path: String) throws(FileError) {
    try write(Array(text.utf8), to: path)
  }

  /// Reads a whole file as bytes.
  public static func readBytes(_ path: String) throws(FileError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw FileError("cannot read '\(path)': \(errorText(errno))") }
    defer { close(fd) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw FileError("cannot read '\(path)': \(errorText(errno))")
      }
      if n == 0 { break }
      result.append(contentsOf: chunk[0..<n])
    }
    return result
  }

  /// Reads a whole file as UTF-8 text.
  public static func read(_ path: String) throws(FileError) -> String {
    String(decoding: try readBytes(path), as: UTF8.self)
  }

  /// Checks, before any work is done, that `path` could be written: its directory exists and
  /// is writable, and `path` itself is not a directory. Writability is tried, not inferred from
  /// permission bits: a file is created in the directory and removed again (permission bits
  /// say yes to root everywhere, and nothing of read-only or virtual file systems like /proc).
  public static func checkWritable(_ path: String) throws(FileError) {
    guard !path.isEmpty else { throw FileError("cannot write file: the path is empty") }
    let (directory, name) = split(path)
    guard !name.isEmpty else { throw FileError("cannot write '\(path)': the path names a directory") }
    let dir = directory.isEmpty ? "." : directory
    var info = stat()
    guard stat(dir, &info) == 0 else { throw FileError("cannot write '\(path)': \(errorText(errno)) ('\(dir)')") }
    guard (info.st_mode & S_IFMT) == S_IFDIR else { throw FileError("cannot write '\(path)': '\(dir)' is not a directory") }
    guard access(dir, W_OK) == 0 else { throw FileError("cannot write '\(path)': \(errorText(errno)) ('\(dir)')") }
    if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
      throw FileError("cannot write '\(path)': it is a directory")
    }
    let (probe, fd) = createScratch(directory, name, "probe")
    guard fd >= 0 else {
      throw FileError("cannot write '\(path)': \(errorText(errno)) (trying to create a file in '\(dir)')")
    }
    close(fd)
    unlink(probe)
  }

  /// Creates a new hidden file beside `name` in `directory` (`.<name>.<kind>-<pid>-<random>`),
  /// for writing; returns its path and descriptor (negative on failure, with `errno` set).
  static func createScratch(_ directory: String, _ name: String, _ kind: String) -> (path: String, fd: Int32) {
    let path = directory + "." + name + ".\(kind)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    return (path, open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644))
  }

  /// Creates `path` and any missing parents, like `mkdir -p`.
  public static func createDirectory(_ path: String) throws(FileError) {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
      prefix += component
      if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
        throw FileError("cannot create directory '\(path)': \(errorText(errno))")
      }
      var info = stat()
      if stat(prefix, &info) != 0 || (info.st_mode & S_IFMT) != S_IFDIR {
        throw FileError("cannot create directory '\(path)': '\(prefix)' is not a directory")
      }
      prefix += "/"
    }
  }

  /// Splits a path into its directory (with trailing slash, or empty) and last component.
  static func split(_ path: String) -> (directory: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return ("", path) }
    return (String(path[...slash]), String(path[path.index(after: slash)...]))
  }

  /// The C library's description of an `errno` value.
  static func errorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }
}

/// `write(2)` and `read(2)` under names that do not clash with Swift methods.
@inline(__always)
public func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }
@inline(__always)
func systemRead(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int { read(fd, p, n) }
