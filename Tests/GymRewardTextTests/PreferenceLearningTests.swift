import GymCore
import GymRewardText
import SwiftGym
import Testing

@Suite struct BradleyTerryTests {
  /// Preferences labelled by a hidden reward (the phrasebook's CartPole program) on random-policy
  /// segments: the learned linear reward predicts held-out preferences and is close to the
  /// hidden reward in EPIC distance.
  @Test func learnsAHiddenRewardFromSegmentPreferences() throws {
    let view = RewardViews.cartPole
    let hidden = try Phrasebook().compile("keep the pole upright near the centre", view: view).reward
    let sample = try TransitionSample.randomPolicy(try make("CartPole-v1"), count: 4000, seed: 3)
    let features = TransitionFeatures(view: view)
    let train = BradleyTerryRewardModel.comparisons(from: sample, length: 8, pairs: 400, oracle: hidden.transitionFunction(), features: features, seed: 1)
    let test = BradleyTerryRewardModel.comparisons(from: sample, length: 8, pairs: 300, oracle: hidden.transitionFunction(), features: features, seed: 2)
    var model = BradleyTerryRewardModel(features: features)
    #expect(test.allSatisfy { model.probability($0) == 0.5 }, "an untrained model prefers nothing")
    let loss = model.fit(train, iterations: 400, learningRate: 0.5)
    let decided = test.filter { $0.preferFirst != 0.5 }
    let correct = decided.filter { (model.probability($0) > 0.5) == ($0.preferFirst == 1) }.count
    let accuracy = Double(correct) / Double(decided.count)
    #expect(loss < 0.4, "training loss \(loss)")
    #expect(accuracy > 0.85, "held-out accuracy \(accuracy)")
    let coverage = try TransitionSample.randomPolicy(try make("CartPole-v1"), count: 500, seed: 4)
    let d = RewardDistance.compare(model.transitionFunction(), hidden.transitionFunction(), coverage: coverage, poolSize: 64, seed: 0)
    #expect(d.epic < 0.25, "\(d)")
    let unrelated = try CompiledReward(source: "term right = push", view: view)
    #expect(RewardDistance.compare(model.transitionFunction(), unrelated.transitionFunction(), coverage: coverage, poolSize: 64, seed: 0).epic > d.epic + 0.2)
  }
}
