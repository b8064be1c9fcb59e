import Foundation
import GymCore
import GymRewardText
import SwiftGym
import Testing

@Suite struct RewardDistanceTests {
  static let base = "term upright = 1 - clamp(abs(pole_angle) / angle_limit, 0, 1)\nterm centre weight 0.5 = 1 - clamp(abs(cart_position) / position_limit, 0, 1)"

  func distance(_ a: String, _ b: String, view: RewardView = RewardViews.cartPole, id: String = "CartPole-v1", gamma: Double = 0.99) throws -> RewardDistance.Result {
    let env = try make(id)
    let sample = try TransitionSample.randomPolicy(env, count: 600, seed: 5)
    return RewardDistance.compare(
      try CompiledReward(source: a, view: view), try CompiledReward(source: b, view: view), coverage: sample, poolSize: 96, gamma: gamma, seed: 1)
  }

  @Test(arguments: [
    // Positive scaling and a constant.
    base + "\nterm k = 0.75".replacingOccurrences(of: "0.75", with: "3"),
    base.replacingOccurrences(of: "term upright = ", with: "term upright weight 4 = ").replacingOccurrences(of: "weight 0.5", with: "weight 2") + "\nterm k = -7",
    // Potential shaping γΦ(s') − Φ(s) with γ = 0.99.
    base + "\nterm shape = 0.99 * (square(cart_position) + pole_angular_velocity) - (square(prev.cart_position) + prev.pole_angular_velocity)",
    // Both at once.
    base.replacingOccurrences(of: "term upright = ", with: "term upright weight 0.2 = ").replacingOccurrences(of: "weight 0.5", with: "weight 0.1")
      + "\nterm shape = 0.99 * 5 * cos(pole_angle) - 5 * cos(prev.pole_angle)\nterm k = 12",
  ])
  func epicAndStarcAreZeroForAffineTransformsAndShaping(_ other: String) throws {
    let r = try distance(Self.base, other)
    #expect(r.epic < 1e-4, "EPIC \(r.epic)")
    #expect(r.starc < 1e-4, "STARC \(r.starc)")
  }

  @Test func clearlyDifferentRewardsAreFarApart() throws {
    let negated = try distance(Self.base, Self.base.replacingOccurrences(of: "term upright = ", with: "term upright weight -1 = ").replacingOccurrences(of: "weight 0.5", with: "weight -0.5"))
    #expect(negated.epic > 0.99 && negated.starc > 0.99, "\(negated)")
    // Leaning right versus leaning left.
    let lean = try distance("term lean = pole_angle", "term lean = -pole_angle + 0.1 * push")
    #expect(lean.epic > 0.5, "\(lean)")
    // Pushing right versus the pole's angle: unrelated.
    let unrelated = try distance("term right = push", "term lean = square(pole_angle)")
    #expect(unrelated.epic > 0.5, "\(unrelated)")
  }

  @Test func aShapedRewardIsNotAffineWithoutTheMatchingDiscount() throws {
    // The same potential difference under γ = 0.5 is not a shaping for γ = 0.99.
    let shaped = Self.base + "\nterm shape weight 20 = 0.5 * square(cart_position) - square(prev.cart_position)"
    #expect(try distance(Self.base, shaped, gamma: 0.5).epic < 1e-4)
    #expect(try distance(Self.base, shaped, gamma: 0.99).epic > 0.01)
  }

  @Test func distancesOfVectorsFollowTheirDefinitions() {
    let x = [1.0, 2, 3, 4], y = [2.0, 4, 6, 8]
    let same = RewardDistance.distances(x, y)
    #expect(abs(same.epic) < 1e-9 && abs(same.correlation - 1) < 1e-12)
    let opposite = RewardDistance.distances(x, x.map { -$0 })
    #expect(abs(opposite.epic - 1) < 1e-12 && abs(opposite.starc - 1) < 1e-12)
    let constant = RewardDistance.distances(x, [3, 3, 3, 3])
    #expect(abs(constant.epic - 0.5.squareRoot()) < 1e-12)
  }
}

@Suite struct LanderRewardComparisonTests {
  /// docs/examples/lunarlander-hand.reward: LunarLander's own reward in the language.
  static func handReward() throws -> CompiledReward {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/examples/lunarlander-hand.reward")
    return try CompiledReward(source: try String(contentsOf: path, encoding: .utf8), view: RewardViews.lunarLander(continuous: false))
  }

  /// The phrasebook's landing reward is close to the environment's own; the first version,
  /// which paid for crashing on the legs, is not (docs/reward-from-text.md).
  @Test func phrasebookLandingIsCloseToTheHandRewardAndTheExploitableVersionIsNot() throws {
    let view = RewardViews.lunarLander(continuous: false)
    let text = try Phrasebook().compile("land softly between the flags using little fuel", view: view).reward
    let firstVersion = try CompiledReward(source: """
      term approach weight 100 = dist(prev.position, pad) - dist(position, pad)
      term level weight 100 = abs(prev.angle) - abs(angle)
      term legs weight 10 = indicator(left_leg_contact) - indicator(prev.left_leg_contact) + indicator(right_leg_contact) - indicator(prev.right_leg_contact)
      term crash weight -100 = indicator(terminated and not (left_leg_contact and right_leg_contact))
      term landed weight 100 = indicator(terminated and left_leg_contact and right_leg_contact)
      term soft weight 100 = norm(prev.velocity) - norm(velocity)
      term on_pad weight 20 = once(left_leg_contact and right_leg_contact and between(position[0], flag_left, flag_right))
      term main_fuel weight -0.3 = main_engine
      term side_fuel weight -0.03 = side_engine
      """, view: view)
    let sample = try TransitionSample.randomPolicy(try make("LunarLander-v3"), count: 1000, seed: 0)
    let hand = try Self.handReward()
    let close = RewardDistance.compare(hand, text, coverage: sample, poolSize: 96, seed: 0)
    let far = RewardDistance.compare(hand, firstVersion, coverage: sample, poolSize: 96, seed: 0)
    #expect(close.epic < 0.1, "\(close)")
    #expect(far.epic > 0.25, "\(far)")
  }
}
