import SwiftGym

/// Options that send an episode's frames to PNG files, an animated PNG and a contact sheet.
struct RenderOptions: ParsableArguments {
  @Option(help: "Write every frame as DIR/frame_000001.png, ….")
  var render: String?
  @Option(help: "Write the frames as one animated PNG (plays in browsers).")
  var apng: String?
  @Option(help: "Write a contact sheet: a grid of every k-th frame in one PNG.")
  var sheet: String?
  @Option(help: "Contact sheet stride k.")
  var sheetEvery = 10
  @Option(help: "Frames per second of the animation (default: the environment's).")
  var fps: Double?

  var wantsFrames: Bool { render != nil || apng != nil || sheet != nil }
}

/// Receives frames and writes the requested outputs; nothing is written under a final name
/// until it is complete.
struct FrameOutputs {
  let options: RenderOptions
  var animation: APNGEncoder?
  var kept: [(number: Int, frame: Frame)] = []
  var last: (number: Int, frame: Frame)?
  var count = 0

  init(_ options: RenderOptions, defaultFPS: Int?) throws {
    self.options = options
    if let dir = options.render { try makeDirectory(dir) }
    for path in [options.apng, options.sheet].compactMap({ $0 }) { try checkWritable(path) }
    if options.apng != nil {
      animation = APNGEncoder(framesPerSecond: options.fps ?? Double(defaultFPS ?? 30), compression: .fast)
    }
    guard options.sheetEvery >= 1 else { throw ValidationError("--sheet-every must be at least 1") }
  }

  mutating func add(_ frame: Frame) throws {
    count += 1
    if let dir = options.render {
      let name = String(count)
      try PNG.write(frame, to: dir + "/frame_" + String(repeating: "0", count: max(0, 6 - name.count)) + name + ".png", compression: .fast)
    }
    try animation?.append(frame)
    if options.sheet != nil {
      if (count - 1) % options.sheetEvery == 0 { kept.append((count, frame)) } else { last = (count, frame) }
    }
  }

  /// Writes the animation and the contact sheet; returns the paths written.
  func finish() throws -> [String] {
    var written: [String] = []
    if let dir = options.render { written.append("\(dir)/frame_*.png (\(count) frames)") }
    if let path = options.apng, let animation {
      try animation.write(to: path)
      written.append(path)
    }
    if let path = options.sheet {
      var frames = kept
      if let last, last.number > (kept.last?.number ?? 0) { frames.append(last) }
      guard !frames.isEmpty else { return written }
      let sheet = ContactSheet(every: 1).render(numbered: frames)
      try PNG.write(sheet, to: path, compression: .default)
      written.append(path)
    }
    return written
  }
}

import ArgumentParser

/// Creates a directory and its parents; an existing directory is fine.
func makeDirectory(_ path: String) throws {
  do { try AtomicFile.createDirectory(path) } catch { throw CLIError(error.message) }
}

/// Fails before any work is done when `path` cannot be written.
func checkWritable(_ path: String) throws {
  do { try AtomicFile.checkWritable(path) } catch { throw CLIError(error.message) }
}

/// A runtime failure reported as `Error: …` without the usage text.
struct CLIError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
