import Foundation

/// Files of this package's source tree, for tests that read recorded data or the docs.
///
/// Every function takes the calling test file's path (`#filePath` by default) and finds the
/// package root as the part before its last `/Tests/`, so it works from any test target.
public enum PackageFiles {
  /// The package root.
  public static func root(file: String = #filePath) -> String {
    guard let tests = file.range(of: "/Tests/", options: .backwards) else {
      preconditionFailure("\(file) is not inside the package's Tests/ folder")
    }
    return String(file[..<tests.lowerBound])
  }

  /// A file under `Tests/Shared/`, the copy of the anchors' recorded data.
  public static func shared(_ relative: String, file: String = #filePath) -> String {
    root(file: file) + "/Tests/Shared/" + relative
  }

  /// The lines of a package file (a path relative to the root) that `keep` accepts, in order.
  public static func lines(
    of relative: String, file: String = #filePath, where keep: (String) -> Bool
  ) throws -> [String] {
    let text = try String(contentsOfFile: root(file: file) + "/" + relative, encoding: .utf8)
    return text.split(separator: "\n").map(String.init).filter(keep)
  }
}
