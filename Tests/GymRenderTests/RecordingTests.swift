import Foundation
import GymCore
import Testing

@testable import GymRender

/// A small moving-dot episode.
func episode(_ n: Int, width: Int = 60, height: Int = 40) -> [Frame] {
  (0..<n).map { i in
    var c = Canvas(width: width, height: height, background: .white)
    c.fillCircle(center: Point(Double(5 + i * 2 % (width - 10)), Double(height / 2)), radius: 4, color: .blue)
    return c.frame
  }
}

@Suite("ContactSheet")
struct ContactSheetTests {
  @Test("dimensions follow the documented layout", arguments: [
    (23, 10, 80, nil, 2, 2), (23, 10, 80, 4, 4, 1), (5, 1, 30, nil, 3, 2), (1, 10, 50, nil, 1, 1),
  ] as [(Int, Int, Int, Int?, Int, Int)])
  func dimensions(frames: Int, every: Int, thumbWidth: Int, columns: Int?, expectedColumns: Int, expectedRows: Int) {
    let sheet = ContactSheet(every: every, thumbnailWidth: thumbWidth, columns: columns)
    let image = sheet.render(episode(frames))
    let p = ContactSheet.padding
    let th = Int((Double(thumbWidth) * 40 / 60).rounded())
    #expect(image.width == expectedColumns * (thumbWidth + p) + p)
    #expect(image.height == expectedRows * (th + ContactSheet.captionHeight + p) + p)
  }

  @Test("every k-th frame from the first, plus the last")
  func selection() {
    #expect(ContactSheet(every: 10).selectedIndices(count: 23) == [0, 10, 20, 22])
    #expect(ContactSheet(every: 10, includeLast: false).selectedIndices(count: 23) == [0, 10, 20])
    #expect(ContactSheet(every: 5).selectedIndices(count: 11) == [0, 5, 10])
    #expect(ContactSheet(every: 3).selectedIndices(count: 0) == [])
  }

  @Test("thumbnails are the shrunk frames and captions are drawn under them")
  func content() {
    let frames = episode(3)
    let sheet = ContactSheet(every: 1, thumbnailWidth: 30, columns: 3)
    let image = sheet.render(frames)
    let thumb = frames[1].resized(width: 30, height: 20)
    let p = ContactSheet.padding
    let x0 = p + 34
    for y in 0..<20 { for x in 0..<30 { #expect(image[x0 + x, p + y] == thumb[x, y]) } }
    let captionInk = (0..<ContactSheet.captionHeight).flatMap { y in (0..<30).map { x in image[x0 + x, p + 20 + y] } }
      .filter { $0.0 < 100 }.count
    #expect(captionInk > 5)
  }
}

@Suite("EpisodeRecorder")
struct EpisodeRecorderTests {
  @Test("writes numbered frames, an APNG of every frame and a contact sheet")
  func recordsEverything() throws {
    let root = try makeTemporaryDirectory()
    defer { removeTemporaryDirectory(root) }
    let dir = root + "/nested/episode-0"
    let frames = episode(23)
    var recorder = try EpisodeRecorder(directory: dir, options: .init(framesPerSecond: 10, contactSheet: ContactSheet(every: 10, thumbnailWidth: 30)))
    for f in frames { try recorder.record(f) }
    let written = try recorder.finish()
    #expect(written == ["\(dir)/episode.apng", "\(dir)/contact_sheet.png"])
    let listing = try directoryListing(dir)
    #expect(listing.count == 25)
    #expect(listing.first == "contact_sheet.png" && listing.contains("frame_000001.png") && listing.contains("frame_000023.png"))
    for (i, f) in frames.enumerated() {
      #expect(try PNG.read(from: recorder.framePath(i + 1)) == f)
    }
    let apng = [UInt8](try #require(FileManager.default.contents(atPath: "\(dir)/episode.apng")))
    let chunks = readChunks(apng)
    #expect(be32(chunks.first { $0.type == "acTL" }!.data, 0) == 23)
    #expect(chunks.filter { $0.type == "fcTL" }.count == 23)
    #expect(try PNG.decode(apng) == frames[0])
    let sheet = try PNG.read(from: "\(dir)/contact_sheet.png")
    #expect(sheet.width == ContactSheet(every: 10, thumbnailWidth: 30).size(thumbnails: 4, frameWidth: 60, frameHeight: 40).width)
    #expect(sheet == ContactSheet(every: 10, thumbnailWidth: 30).render(frames))
  }

  @Test("outputs can be switched off; an empty recording writes nothing")
  func options() throws {
    let dir = try makeTemporaryDirectory()
    defer { removeTemporaryDirectory(dir) }
    var recorder = try EpisodeRecorder(directory: dir, options: .init(writeFrames: false, animationFileName: nil))
    #expect(try recorder.finish() == [])
    for f in episode(3) { try recorder.record(f) }
    try recorder.finish()
    #expect(try directoryListing(dir) == ["contact_sheet.png"])
    #expect(recorder.framePath(1234567) == "\(dir)/frame_1234567.png")
  }

  @Test("an uncreatable directory is a clear error")
  func badDirectory() throws {
    let dir = try makeTemporaryDirectory()
    defer { removeTemporaryDirectory(dir) }
    try PNG.write(Frame(width: 2, height: 2), to: "\(dir)/file")
    let error = #expect(throws: RenderError.self) { try EpisodeRecorder(directory: "\(dir)/file/episode") }
    #expect(error?.message.contains("\(dir)/file/episode") == true)
  }
}
