#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file that episode records are appended to as CSV or JSON Lines, chosen by extension
/// (`.csv` or `.jsonl`). Each line is flushed, so an interrupted run keeps what it logged.
public final class EpisodeLog {
  private let file: UnsafeMutablePointer<FILE>
  private let csv: Bool
  /// The path written to.
  public let path: String

  /// Opens (truncates) `path`.
  /// - Throws: `EnvironmentError` naming the path when it cannot be opened, or when the
  ///   extension is neither `.csv` nor `.jsonl`.
  public init(path: String) throws {
    let lower = path.lowercased()
    guard lower.hasSuffix(".csv") || lower.hasSuffix(".jsonl") else {
      throw EnvironmentError("log file '\(path)' must end in .csv or .jsonl")
    }
    guard let f = fopen(path, "w") else {
      throw EnvironmentError("cannot write log file '\(path)': \(String(cString: strerror(errno)))")
    }
    file = f
    csv = lower.hasSuffix(".csv")
    self.path = path
    if csv { try write(EpisodeRecord.csvHeader) }
  }

  /// Appends one record.
  public func append(_ record: EpisodeRecord) throws {
    try write(csv ? record.csvRow : JSON.string(record.json))
  }

  private func write(_ line: String) throws {
    guard fputs(line + "\n", file) >= 0, fflush(file) == 0 else {
      throw EnvironmentError("writing '\(path)' failed: \(String(cString: strerror(errno)))")
    }
  }

  deinit { fclose(file) }
}
