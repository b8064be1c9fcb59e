import Foundation
import SwiftGym
import Testing

@Suite struct EpisodeRenderingTests {
  /// An episode of CartPole recorded through the runner: every frame, the APNG and the contact
  /// sheet decode back, and the frames are the environment's own renders.
  @Test func recordedCartPoleEpisodeDecodes() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-episode-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var recorder = try EpisodeRecorder(directory: dir, options: .init(framesPerSecond: 50, contactSheet: ContactSheet(every: 5)))
    var env = try make("CartPole-v1", renderMode: .rgbArray)
    var agent = RandomAgent(for: env, seed: 0)
    var frames: [Frame] = []
    let summary = try Runner.run(&env, agent: &agent, configuration: RunConfiguration(episodes: 1, seed: 0, onFrame: { frame in
      frames.append(frame)
      try recorder.record(frame)
    }))
    let written = try recorder.finish()
    let length = summary.episodes[0].length
    #expect(frames.count == length + 1)  // the reset frame and one per step
    #expect(frames[0].width == 600 && frames[0].height == 400)
    for number in [1, length / 2 + 1, length + 1] {
      let decoded = try PNG.read(from: recorder.framePath(number))
      #expect(decoded == frames[number - 1])
    }
    let animation = try PNG.read(from: dir + "/episode.apng")  // a plain decoder shows frame 1
    #expect(animation == frames[0])
    let sheet = try PNG.read(from: dir + "/contact_sheet.png")
    #expect(sheet.width > 160 && sheet.height > 100)
    #expect(written.count == 2)
    // The pole is drawn: pole-coloured pixels above the cart in the first frame.
    var polePixels = 0
    for y in 150..<300 { for x in 250..<350 where frames[0][x, y] == (202, 152, 101) { polePixels += 1 } }
    #expect(polePixels > 500)
  }
}
