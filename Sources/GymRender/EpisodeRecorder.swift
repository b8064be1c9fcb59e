import GymCore

/// Records an episode's frames to a folder: every frame as `frame_000001.png`, …, one
/// animated PNG, and a contact sheet — each optional.
///
/// ```swift
/// var recorder = try EpisodeRecorder(directory: "runs/cartpole/episode-0")
/// for frame in frames { try recorder.record(frame) }
/// let written = try recorder.finish()   // paths of the animation and contact sheet
/// ```
///
/// Frames are written as they arrive; the animation keeps only compressed frame data and the
/// contact sheet only its thumbnails, so memory stays small. Every file is written atomically.
public struct EpisodeRecorder: Sendable {
  /// What to write.
  public struct Options: Sendable {
    /// Write each frame as `frame_NNNNNN.png` (numbered from 1).
    public var writeFrames: Bool
    /// File name of the animated PNG, or nil for none.
    public var animationFileName: String?
    /// Playback rate of the animation.
    public var framesPerSecond: Double
    /// Contact sheet layout, or nil for none.
    public var contactSheet: ContactSheet?
    /// File name of the contact sheet.
    public var contactSheetFileName: String
    /// zlib effort for frames and animation (`.fast` by default: recording runs in the loop).
    public var compression: PNG.Compression

    /// Options; by default frames, `episode.apng` at 30 fps, and a contact sheet of every
    /// 10th frame.
    public init(
      writeFrames: Bool = true, animationFileName: String? = "episode.apng", framesPerSecond: Double = 30,
      contactSheet: ContactSheet? = ContactSheet(), contactSheetFileName: String = "contact_sheet.png",
      compression: PNG.Compression = .fast
    ) {
      self.writeFrames = writeFrames
      self.animationFileName = animationFileName
      self.framesPerSecond = framesPerSecond
      self.contactSheet = contactSheet
      self.contactSheetFileName = contactSheetFileName
      self.compression = compression
    }
  }

  /// The output folder.
  public let directory: String
  /// What is written.
  public let options: Options
  /// Frames recorded so far.
  public private(set) var frameCount = 0
  var animation: APNGEncoder?
  var thumbnails: [(number: Int, frame: Frame)] = []
  var thumbnailSize: (width: Int, height: Int)?
  var lastFrame: (number: Int, frame: Frame)?

  /// A recorder writing into `directory`, which is created (with parents) if missing.
  /// - Throws: `RenderError` if the path is empty or the directory cannot be created.
  public init(directory: String, options: Options = Options()) throws {
    guard !directory.isEmpty else { throw RenderError("episode recorder: the directory path is empty") }
    try RenderFiles.createDirectory(directory)
    self.directory = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    self.options = options
    if options.animationFileName != nil {
      animation = APNGEncoder(framesPerSecond: options.framesPerSecond, compression: options.compression)
    }
  }

  /// The path of frame `number` (1-based): `<directory>/frame_000042.png`.
  public func framePath(_ number: Int) -> String {
    let digits = String(number)
    return directory + "/frame_" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".png"
  }

  /// Adds the next frame: writes its PNG and keeps what the animation and sheet need.
  /// - Throws: `RenderError` naming the file if writing fails, or if the frame's size differs
  ///   from the first frame's while an animation is being recorded.
  public mutating func record(_ frame: Frame) throws {
    let number = frameCount + 1
    if options.writeFrames || animation != nil {
      let png = try PNG.encode(frame, compression: options.compression)
      if options.writeFrames { try RenderFiles.write(png, to: framePath(number)) }
      try animation?.append(encodedPNG: png, width: frame.width, height: frame.height)
    }
    if let sheet = options.contactSheet {
      if (number - 1) % sheet.every == 0 {
        let size = thumbnailSize ?? (sheet.thumbnailWidth, sheet.thumbnailHeight(frameWidth: frame.width, frameHeight: frame.height))
        thumbnailSize = size
        thumbnails.append((number, sheet.thumbnail(frame, width: size.width, height: size.height)))
        lastFrame = nil
      } else if sheet.includeLast {
        lastFrame = (number, frame)  // shares storage; shrunk only if it stays last
      }
    }
    frameCount = number
  }

  /// Writes the animation and contact sheet (if any frames were recorded).
  /// - Returns: the paths written by this call.
  /// - Throws: `RenderError` naming the file if writing fails.
  @discardableResult
  public func finish() throws -> [String] {
    guard frameCount > 0 else { return [] }
    var written: [String] = []
    if let animation, let name = options.animationFileName {
      let path = directory + "/" + name
      try animation.write(to: path)
      written.append(path)
    }
    if let sheet = options.contactSheet, let size = thumbnailSize {
      var cells = thumbnails
      if let lastFrame {
        cells.append((lastFrame.number, sheet.thumbnail(lastFrame.frame, width: size.width, height: size.height)))
      }
      let image = sheet.render(numbered: cells)
      let path = directory + "/" + options.contactSheetFileName
      try PNG.write(image, to: path)
      written.append(path)
    }
    return written
  }
}
