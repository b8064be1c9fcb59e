import Foundation
import GymCore
import Testing

@testable import GymRender

@Suite("PNG")
struct PNGTests {
  @Test("encode then decode gives back the same pixels", arguments: [PNG.Compression.fast, .default])
  func roundTrip(compression: PNG.Compression) throws {
    for (w, h, seed) in [(1, 1, 1), (37, 23, 2), (600, 400, 3)] as [(Int, Int, UInt64)] {
      let frame = noiseFrame(width: w, height: h, seed: seed)
      let png = try PNG.encode(frame, compression: compression)
      #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
      #expect(try PNG.decode(png) == frame)
    }
  }

  @Test("fast compression is a valid PNG and default compresses a drawn scene smaller")
  func compressionLevels() throws {
    let scene = RenderBenchmark.cartPoleScene(x: 0.2, theta: 0.1)
    let fast = try PNG.encode(scene, compression: .fast)
    let small = try PNG.encode(scene, compression: .default)
    #expect(try PNG.decode(fast) == scene)
    #expect(try PNG.decode(small) == scene)
    #expect(small.count <= fast.count)
  }

  @Test("a frame of at most 256 colours is written indexed; a noisy one as RGB; both decode exactly")
  func paletteAndRGBForms() throws {
    let scene = RenderBenchmark.cartPoleScene(x: 0.2, theta: 0.1)
    let indexed = try PNG.encode(scene, compression: .fast)
    #expect(indexed[25] == 3)  // IHDR colour type: palette
    let noise = noiseFrame(width: 50, height: 40, seed: 12)
    let rgb = try PNG.encode(noise, compression: .fast)
    #expect(rgb[25] == 2)  // IHDR colour type: RGB
    #expect(try PNG.decode(rgb) == noise)
    let forced = try PNG.encode(scene, compression: .fast, allowPalette: false)
    #expect(forced[25] == 2)
    #expect(try PNG.decode(forced) == scene)
  }

  @Test("file round trip, and the file is the encoded bytes")
  func fileRoundTrip() throws {
    let dir = try makeTemporaryDirectory()
    defer { removeTemporaryDirectory(dir) }
    let frame = noiseFrame(width: 64, height: 48, seed: 9)
    try PNG.write(frame, to: "\(dir)/x.png")
    #expect(try PNG.read(from: "\(dir)/x.png") == frame)
    #expect(try directoryListing(dir) == ["x.png"])
    // Overwriting replaces the file whole.
    let other = noiseFrame(width: 10, height: 10, seed: 10)
    try PNG.write(other, to: "\(dir)/x.png", compression: .fast)
    #expect(try PNG.read(from: "\(dir)/x.png") == other)
  }

  @Test("garbage and truncated data throw instead of crashing")
  func badData() throws {
    #expect(throws: RenderError.self) { try PNG.decode([1, 2, 3, 4, 5, 6, 7, 8, 9]) }
    let png = try PNG.encode(noiseFrame(width: 30, height: 30, seed: 4))
    let error = #expect(throws: RenderError.self) { try PNG.decode(Array(png.prefix(png.count / 2))) }
    #expect(error?.message.isEmpty == false)
  }

  @Test("writing into a missing directory throws an error naming the path")
  func missingDirectory() throws {
    let error = #expect(throws: RenderError.self) {
      try PNG.write(Frame(width: 4, height: 4), to: "/nonexistent-dir/x.png")
    }
    #expect(error?.message.contains("/nonexistent-dir/x.png") == true)
    #expect(error?.message.contains("No such file or directory") == true)
  }

  @Test(
    "writing into a read-only directory throws and leaves no file",
    .enabled(if: geteuid() != 0, "root ignores directory permissions"))
  func readOnlyDirectory() throws {
    let dir = try makeTemporaryDirectory()
    defer { removeTemporaryDirectory(dir) }
    chmod(dir, 0o555)
    defer { chmod(dir, 0o755) }
    let error = #expect(throws: RenderError.self) {
      try PNG.write(Frame(width: 4, height: 4), to: "\(dir)/x.png")
    }
    #expect(error?.message.contains("\(dir)/x.png") == true)
    #expect(try directoryListing(dir).isEmpty)
  }

  @Test(
    "a path the system will not create files in is refused up front, even to root",
    .enabled(if: FileManager.default.fileExists(atPath: "/proc/self"), "needs Linux's /proc"))
  func virtualFileSystemIsRefusedUpFront() throws {
    let error = #expect(throws: AtomicFile.FileError.self) { try AtomicFile.checkWritable("/proc/gym-frame.png") }
    #expect(error?.message.contains("/proc/gym-frame.png") == true)
  }

  @Test("checking a writable path leaves nothing behind")
  func checkLeavesNothing() throws {
    let dir = try makeTemporaryDirectory()
    defer { removeTemporaryDirectory(dir) }
    try AtomicFile.checkWritable("\(dir)/x.png")
    #expect(try directoryListing(dir).isEmpty)
  }

  @Test("a disk that fills up mid-write leaves neither the file nor the temporary")
  func fullDisk() throws {
    let dir = try makeTemporaryDirectory()
    defer { removeTemporaryDirectory(dir) }
    let bytes = try PNG.encode(noiseFrame(width: 100, height: 100, seed: 5))
    var written = 0
    let error = #expect(throws: RenderError.self) {
      try RenderFiles.write(bytes, to: "\(dir)/x.png") { fd, p, n in
        if written > bytes.count / 2 {
          errno = ENOSPC
          return -1
        }
        let chunk = min(n, 1000)
        written += chunk
        return write(fd, p, chunk)
      }
    }
    #expect(written > 0)
    #expect(error?.message.contains("\(dir)/x.png") == true)
    #expect(error?.message.contains("No space left on device") == true)
    #expect(try directoryListing(dir).isEmpty)
  }

  @Test("a failed rename (target is a directory) removes the temporary file")
  func renameFailure() throws {
    let dir = try makeTemporaryDirectory()
    defer { removeTemporaryDirectory(dir) }
    try FileManager.default.createDirectory(atPath: "\(dir)/x.png/inner", withIntermediateDirectories: true)
    let error = #expect(throws: RenderError.self) {
      try PNG.write(Frame(width: 4, height: 4), to: "\(dir)/x.png")
    }
    #expect(error?.message.contains("\(dir)/x.png") == true)
    #expect(try directoryListing(dir) == ["x.png"])
  }

  @Test("reading a missing file names it")
  func missingFile() {
    let error = #expect(throws: RenderError.self) { try PNG.read(from: "/nonexistent-dir/y.png") }
    #expect(error?.message.contains("/nonexistent-dir/y.png") == true)
  }
}

@Suite("CRC32")
struct CRC32Tests {
  @Test("known answers")
  func knownAnswers() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)
    #expect(CRC32.checksum([UInt8]()) == 0)
  }

  @Test("table and bitwise implementations agree")
  func agreesWithBitwise() {
    var bytes = TestBytes(seed: 77)
    for n in [1, 7, 100, 4096] {
      let data = (0..<n).map { _ in bytes.next() }
      #expect(CRC32.checksum(data) == bitwiseCRC32(data))
    }
  }
}
