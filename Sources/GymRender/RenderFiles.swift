import GymCore

/// GymCore's atomic file operations with errors as `RenderError`, the module's error type.
enum RenderFiles {
  static func write(_ bytes: [UInt8], to path: String, writer: @escaping AtomicFile.Writer = { systemWrite($0, $1, $2) }) throws {
    do { try AtomicFile.write(bytes, to: path, writer: writer) } catch { throw RenderError(error.message) }
  }

  static func read(_ path: String) throws -> [UInt8] {
    do { return try AtomicFile.readBytes(path) } catch { throw RenderError(error.message) }
  }

  static func createDirectory(_ path: String) throws {
    do { try AtomicFile.createDirectory(path) } catch { throw RenderError(error.message) }
  }
}
