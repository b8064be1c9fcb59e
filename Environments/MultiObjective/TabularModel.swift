import GymCore

/// A multi-objective environment with finitely many states and actions, each observation
/// naming one state: what tabular agents (Pareto Q-learning, scalarised Q-learning) need.
public protocol TabularMultiObjectiveEnvironment: MultiObjectiveEnvironment where Action == Int {
  /// The number of states; state indices run over `0..<stateCount`.
  var stateCount: Int { get }
  /// The number of actions; actions run over `0..<actionCount`.
  var actionCount: Int { get }
  /// The state index of an observation.
  /// - Precondition: `observation` is in the observation space.
  func stateIndex(of observation: Observation) -> Int
}

/// One possible result of taking an action in a state of a `MultiObjectiveModel`.
public struct Outcome: Sendable, Hashable {
  /// The probability of this result; the outcomes of one (state, action) sum to 1.
  public var probability: Double
  /// The reward vector received.
  public var reward: [Double]
  /// The state reached (ignored when `terminal`).
  public var next: Int
  /// Whether the episode ends with this result.
  public var terminal: Bool

  /// An outcome.
  public init(probability: Double, reward: [Double], next: Int, terminal: Bool) {
    self.probability = probability
    self.reward = reward
    self.next = next
    self.terminal = terminal
  }
}

/// The exact dynamics of a small multi-objective MDP, for computing its Pareto front
/// (`ParetoFrontSolver`) and for planning.
///
/// State indices here are the model's own and need not match any observation encoding.
public protocol MultiObjectiveModel: Sendable {
  /// The number of states.
  var modelStateCount: Int { get }
  /// The number of actions available in every state.
  var modelActionCount: Int { get }
  /// The number of objectives.
  var rewardDimension: Int { get }
  /// The start states with their probabilities.
  var initialStates: [(state: Int, probability: Double)] { get }
  /// Every result of taking `action` in `state`, with probabilities summing to 1.
  func outcomes(state: Int, action: Int) -> [Outcome]
}

extension MultiObjectiveModel {
  /// Checks that every (state, action) has outcomes whose probabilities sum to 1, whose
  /// rewards have `rewardDimension` finite components and whose next states exist.
  /// - Returns: a description of the first problem, or `nil` when the model is consistent.
  public func consistencyProblem() -> String? {
    for s in 0..<modelStateCount {
      for a in 0..<modelActionCount {
        let outs = outcomes(state: s, action: a)
        if outs.isEmpty { return "state \(s), action \(a) has no outcomes" }
        var total = 0.0
        for o in outs {
          total += o.probability
          if o.reward.count != rewardDimension || !o.reward.allSatisfy(\.isFinite) {
            return "state \(s), action \(a): reward \(o.reward) is not \(rewardDimension) finite numbers"
          }
          if !o.terminal && !(0..<modelStateCount).contains(o.next) {
            return "state \(s), action \(a): next state \(o.next) is out of range"
          }
        }
        if abs(total - 1) > 1e-9 { return "state \(s), action \(a): probabilities sum to \(total)" }
      }
    }
    return nil
  }
}

/// A tabular environment that is its own exact model, numbering the model's states with its
/// `stateIndex(of:)`: a policy on observations can then be evaluated exactly, as an
/// expectation over the model's outcomes, instead of by sampled episodes.
public protocol StateIndexedModel: TabularMultiObjectiveEnvironment, MultiObjectiveModel {
  /// Whether `outcomes(state:action:)` describes this instance's dynamics (false for variants
  /// the model does not cover).
  var modelCoversDynamics: Bool { get }
}

extension StateIndexedModel {
  public var modelCoversDynamics: Bool { true }
}
