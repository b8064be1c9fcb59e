import ArgumentParser
import GymRewardText
import SwiftGym

/// `gym reward learn`: a Bradley–Terry reward model fitted to preferences between trajectory
/// segments, labelled by an oracle reward program (a stand-in for a human or a model judge).
struct RewardLearn: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "learn",
    abstract: "Learn a reward model from segment preferences (Bradley–Terry) and save it for `gym train ppo --reward-model`.",
    discussion: """
      Collects --transitions transitions of a uniformly random policy, cuts them into segments \
      of --length steps inside episodes, and labels --pairs random pairs with the oracle: the \
      segment with the higher oracle return is preferred (ties count half). The oracle is the \
      program compiled from --oracle-text or read from --oracle-program. The model is linear \
      in the view's features (each state quantity, its absolute value and square, the action, \
      a constant). Reports the training loss, the accuracy on --pairs fresh held-out pairs, \
      and, on fresh random-policy transitions, the correlation with the oracle's reward and \
      the EPIC distance to it.
      """)

  @Option(help: "A registered environment id with a reward view.")
  var env: String
  @Option(help: "Environment construction options as a JSON object.")
  var envOptions: String?
  @Option(help: "The oracle: a task description compiled by the phrasebook.")
  var oracleText: String?
  @Option(help: "The oracle: a reward program file.")
  var oracleProgram: String?
  @Option(help: "Random-policy transitions to cut into segments.")
  var transitions = 4000
  @Option(help: "Transitions per segment.")
  var length = 8
  @Option(help: "Labelled pairs to fit on (and as many held out).")
  var pairs = 400
  @Option(help: "Gradient steps.")
  var iterations = 400
  @Option(help: "Gradient step size (in units scaled by each feature's spread).")
  var learningRate = 0.5
  @Option(help: "Seed of the transitions and the pairs.")
  var seed: UInt64 = 0
  @Option(help: "Where to write the model (JSON).")
  var out: String
  @Flag(help: "End with one JSON object.")
  var json = false

  func validate() throws {
    guard (oracleText == nil) != (oracleProgram == nil) else { throw ValidationError("give one of --oracle-text and --oracle-program") }
    guard transitions >= 2, length >= 1, pairs >= 1, iterations >= 1 else {
      throw ValidationError("--transitions (≥ 2), --length, --pairs and --iterations must be positive")
    }
    guard 2 * length <= transitions else { throw ValidationError("--transitions must hold at least two segments of --length \(length)") }
    guard learningRate > 0, learningRate.isFinite else { throw ValidationError("--learning-rate must be a positive number, got \(learningRate)") }
    // Refuse an unwritable --out before the sampling and fitting, not after.
    try checkWritable(out)
  }

  func run() throws {
    let options = try parseObject(envOptions, flag: "--env-options")
    let view = try rewardView(env, options: options)
    let oracle: CompiledReward
    if let oracleText {
      oracle = try Phrasebook().compile(oracleText, view: view).reward
    } else {
      do { oracle = try CompiledReward(source: try readProgramText(oracleProgram!), view: view) } catch let e as RewardProgramError {
        throw ValidationError("\(oracleProgram!): \(e)")
      }
    }
    let sample = try TransitionSample.randomPolicy(try Registry.standard.make(env, options: options), count: transitions, seed: seed)
    let features = TransitionFeatures(view: view)
    let train = BradleyTerryRewardModel.comparisons(from: sample, length: length, pairs: pairs, oracle: oracle.transitionFunction(), features: features, seed: seed &+ 1)
    let heldOut = BradleyTerryRewardModel.comparisons(from: sample, length: length, pairs: pairs, oracle: oracle.transitionFunction(), features: features, seed: seed &+ 2)
    var model = BradleyTerryRewardModel(features: features)
    let loss = model.fit(train, iterations: iterations, learningRate: learningRate)
    let decided = heldOut.filter { $0.preferFirst != 0.5 }
    let accuracy = decided.isEmpty ? Double.nan : Double(decided.filter { (model.probability($0) > 0.5) == ($0.preferFirst == 1) }.count) / Double(decided.count)
    let coverage = try TransitionSample.randomPolicy(try Registry.standard.make(env, options: options), count: 2000, seed: seed &+ 1_000_003)
    let correlation = model.correlation(with: oracle.transitionFunction(), on: coverage)
    let distance = RewardDistance.compare(model.transitionFunction(), oracle.transitionFunction(), coverage: coverage, poolSize: 64, seed: seed)
    let provenance: JSONValue = [
      "oracle": oracleText.map { .string($0) } ?? .string(oracleProgram!), "oracle_program": .string(oracle.source),
      "transitions": .int(transitions), "segment_length": .int(length), "pairs": .int(pairs), "iterations": .int(iterations),
      "learning_rate": .double(learningRate), "seed": .string(String(seed)), "train_loss": .double(loss),
      "held_out_accuracy": .double(accuracy), "correlation": .double(correlation), "epic": .double(distance.epic),
    ]
    let file = LearnedRewardFile(environmentID: env, model: model, provenance: provenance)
    try AtomicFile.write(JSON.string(file.json, pretty: true) + "\n", to: out)
    print("learned a Bradley–Terry reward for \(env) from \(pairs) preferences: training loss \(format(loss, 3)), held-out accuracy \(format(100 * accuracy, 1)) %, correlation with the oracle \(format(correlation, 3)), EPIC \(format(distance.epic, 3)); wrote \(out)")
    emitJSON(json, provenance)
  }
}

/// Reads a reward model file for `env`.
func loadRewardModel(_ path: String, env: String, options: Options) throws -> BradleyTerryRewardModel {
  let text: String
  do { text = try AtomicFile.read(path) } catch { throw ValidationError("cannot read the reward model '\(path)': \(error)") }
  let file: LearnedRewardFile
  do {
    file = try LearnedRewardFile(json: try JSON.parse(text)) { id in try RewardViews.view(for: id, options: options) }
  } catch { throw ValidationError("\(path): \(error)") }
  let target = try rewardView(env, options: options)
  guard file.model.features.view.name == target.name else {
    throw ValidationError("\(path) was learned on \(file.environmentID) (the \(file.model.features.view.name) view), not on a \(target.name) environment like \(env)")
  }
  return file.model
}
