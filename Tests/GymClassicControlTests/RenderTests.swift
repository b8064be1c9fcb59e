import GymClassicControl
import GymCore
import GymRender
import SwiftGym
import Foundation
import Testing

/// The frames have Gymnasium's sizes and show each scene's parts where Gymnasium draws them
/// (pixel positions computed from Gymnasium's drawing code, rows counted from the top).
@Suite struct RenderTests {
  static func pixel(_ frame: Frame, _ x: Int, _ y: Int) -> (UInt8, UInt8, UInt8) {
    let i = (y * frame.width + x) * 3
    return (frame.pixels[i], frame.pixels[i + 1], frame.pixels[i + 2])
  }

  @Test func mountainCarShowsCarFlagAndTrack() throws {
    var env = MountainCar(seed: 0)
    _ = try env.reset(seed: 0, options: ["state": [-0.5, 0]])
    let frame = env.render()
    #expect(frame.width == 600 && frame.height == 400)
    let scale = 600 / 1.8
    let hill = { (x: Double) in 0.45 * sin(3 * x) + 0.55 }
    // The car body sits 10–30 px above the track at x = −0.5.
    let carX = Int((-0.5 + 1.2) * scale), carY = 400 - Int(hill(-0.5) * scale + 22)
    #expect(Self.pixel(frame, carX, carY) == (0, 0, 0))
    // The yellow pennant at the goal (0.5), 45 px above the hill.
    let flagX = Int((0.5 + 1.2) * scale) + 8, flagY = 400 - Int(hill(0.5) * scale + 45)
    #expect(Self.pixel(frame, flagX, flagY) == (204, 204, 0))
    // The continuous car's flag stands at 0.45.
    var continuous = MountainCarContinuous(seed: 0)
    _ = try continuous.reset(seed: 0)
    let c = continuous.render()
    let x45 = Int((0.45 + 1.2) * scale) + 8, y45 = 400 - Int(hill(0.45) * scale + 45)
    #expect(Self.pixel(c, x45, y45) == (204, 204, 0))
  }

  @Test func pendulumShowsRodAxleAndTorqueArrow() throws {
    var env = Pendulum(seed: 0)
    _ = try env.reset(seed: 0, options: ["state": [0, 0]])  // upright
    var frame = env.render()
    #expect(frame.width == 500 && frame.height == 500)
    #expect(Self.pixel(frame, 250, 250) == (0, 0, 0))  // axle
    #expect(Self.pixel(frame, 250, 190) == (204, 77, 77))  // rod above the axle
    #expect(Self.pixel(frame, 250, 310) == (255, 255, 255))  // nothing below
    let before = frame.pixels.filter { $0 == 0 }.count
    _ = env.step([-2])
    frame = env.render()
    #expect(frame.pixels.filter { $0 == 0 }.count > before + 300)  // the arrow appeared
  }

  @Test func acrobotShowsLinksJointsAndLine() throws {
    var env = Acrobot(seed: 0)
    _ = try env.reset(seed: 0, options: ["state": [0, 0, 0, 0]])  // hanging straight down
    let frame = env.render()
    #expect(frame.width == 500 && frame.height == 500)
    let scale = 500 / 4.4
    #expect(Self.pixel(frame, 250, 250) == (204, 204, 0))  // the pivot joint
    #expect(Self.pixel(frame, 250, 250 + Int(scale)) == (204, 204, 0))  // the middle joint
    #expect(Self.pixel(frame, 250, 250 + Int(1.5 * scale)) == (0, 204, 204))  // second link
    #expect(Self.pixel(frame, 20, Int(500 - (250 + scale))) == (0, 0, 0))  // the target line
  }

  @Test(arguments: ["CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Acrobot-v1", "Pendulum-v1"])
  func renderThroughMake(id: String) throws {
    let env = try make(id, renderMode: .rgbArray)
    _ = try env.reset(seed: 1)
    guard case .rgb(let frame)? = env.render() else { Issue.record("no frame"); return }
    let expected = id.hasPrefix("Acrobot") || id.hasPrefix("Pendulum") ? (500, 500) : (600, 400)
    #expect(frame.width == expected.0 && frame.height == expected.1)
  }
}

