import GymCore

/// A grid of every k-th frame of an episode, shrunk, each captioned with its frame number,
/// in one image.
///
/// Layout: `columns` cells per row; a cell is the thumbnail (`thumbnailWidth` wide, height
/// from the first frame's aspect ratio) above a caption strip `captionHeight` tall; cells
/// and the border are separated by `padding` pixels. So the sheet is
/// `columns·(thumbnailWidth + padding) + padding` wide and
/// `rows·(thumbnailHeight + captionHeight + padding) + padding` tall.
public struct ContactSheet: Sendable {
  /// Take frames 1, 1 + every, 1 + 2·every, … (1-based, like `frame_000001.png`).
  public var every: Int
  /// Thumbnail width in pixels.
  public var thumbnailWidth: Int
  /// Cells per row; nil picks ⌈√n⌉ for n thumbnails.
  public var columns: Int?
  /// Also show the last frame when the stride skips it.
  public var includeLast: Bool
  /// Sheet background (light grey, so white frames stand out).
  public var background: Color
  /// Caption colour.
  public var captionColor: Color

  /// Gap between cells and around the sheet, in pixels.
  public static let padding = 4
  /// Height of the caption strip under each thumbnail, in pixels.
  public static let captionHeight = BitmapFont.glyphHeight + 3

  /// A contact sheet layout.
  /// - Parameters:
  ///   - every: the stride k ≥ 1 between shown frames.
  ///   - thumbnailWidth: thumbnail width in pixels, ≥ 1.
  ///   - columns: cells per row, or nil for a near-square grid.
  ///   - includeLast: also show the final frame.
  public init(
    every: Int = 10, thumbnailWidth: Int = 160, columns: Int? = nil, includeLast: Bool = true,
    background: Color = Color(gray: 232), captionColor: Color = .black
  ) {
    precondition(every >= 1, "contact sheet stride must be at least 1")
    precondition(thumbnailWidth >= 1, "thumbnail width must be at least 1")
    precondition(columns.map { $0 >= 1 } ?? true, "columns must be at least 1")
    self.every = every
    self.thumbnailWidth = thumbnailWidth
    self.columns = columns
    self.includeLast = includeLast
    self.background = background
    self.captionColor = captionColor
  }

  /// Zero-based indices of the frames shown out of `count`.
  public func selectedIndices(count: Int) -> [Int] {
    guard count > 0 else { return [] }
    var result = Array(stride(from: 0, to: count, by: every))
    if includeLast && result.last != count - 1 { result.append(count - 1) }
    return result
  }

  /// Thumbnail height for frames of the given size.
  public func thumbnailHeight(frameWidth: Int, frameHeight: Int) -> Int {
    max(1, Int((Double(thumbnailWidth) * Double(frameHeight) / Double(frameWidth)).rounded()))
  }

  /// Pixel size of a sheet holding `thumbnails` cells of frames `frameWidth`×`frameHeight`.
  public func size(thumbnails: Int, frameWidth: Int, frameHeight: Int) -> (width: Int, height: Int) {
    let n = max(1, thumbnails)
    let cols = min(n, columns ?? Int(Double(n).squareRoot().rounded(.up)))
    let rows = (n + cols - 1) / cols
    let th = thumbnailHeight(frameWidth: frameWidth, frameHeight: frameHeight)
    let p = ContactSheet.padding
    return (cols * (thumbnailWidth + p) + p, rows * (th + ContactSheet.captionHeight + p) + p)
  }

  /// The sheet for a whole episode: picks every k-th frame (numbered from 1).
  /// - Precondition: `frames` is not empty.
  public func render(_ frames: [Frame]) -> Frame {
    precondition(!frames.isEmpty, "a contact sheet needs at least one frame")
    return render(numbered: selectedIndices(count: frames.count).map { (number: $0 + 1, frame: frames[$0]) })
  }

  /// The sheet for frames already chosen, each shown with its number.
  /// Thumbnails are fitted into the cell size set by the first frame, keeping aspect ratio.
  /// - Precondition: `numbered` is not empty.
  public func render(numbered: [(number: Int, frame: Frame)]) -> Frame {
    precondition(!numbered.isEmpty, "a contact sheet needs at least one frame")
    let first = numbered[0].frame
    let (w, h) = size(thumbnails: numbered.count, frameWidth: first.width, frameHeight: first.height)
    let th = thumbnailHeight(frameWidth: first.width, frameHeight: first.height)
    let cols = (w - ContactSheet.padding) / (thumbnailWidth + ContactSheet.padding)
    let p = ContactSheet.padding
    var canvas = Canvas(width: w, height: h, background: background)
    for (k, item) in numbered.enumerated() {
      let cellX = p + (k % cols) * (thumbnailWidth + p)
      let cellY = p + (k / cols) * (th + ContactSheet.captionHeight + p)
      let thumb = thumbnail(item.frame, width: thumbnailWidth, height: th)
      let tx = cellX + (thumbnailWidth - thumb.width) / 2
      let ty = cellY + (th - thumb.height) / 2
      canvas.strokeRect(
        Rect(x: Double(tx) - 0.5, y: Double(ty) - 0.5, width: Double(thumb.width + 1), height: Double(thumb.height + 1)),
        width: 1, color: Color(gray: 170))
      canvas.drawImage(thumb, x: tx, y: ty)
      canvas.drawText(
        "\(item.number)", at: Point(Double(cellX + thumbnailWidth / 2), Double(cellY + th + 2)),
        color: captionColor, anchor: .top)
    }
    return canvas.frame
  }

  /// `frame` shrunk to fit `width`×`height`, keeping its aspect ratio.
  func thumbnail(_ frame: Frame, width: Int, height: Int) -> Frame {
    let scale = min(Double(width) / Double(frame.width), Double(height) / Double(frame.height))
    let tw = max(1, min(width, Int((Double(frame.width) * scale).rounded())))
    let th = max(1, min(height, Int((Double(frame.height) * scale).rounded())))
    return (tw, th) == (frame.width, frame.height) ? frame : frame.resized(width: tw, height: th)
  }
}
