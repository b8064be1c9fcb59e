import GymCore

/// A BanditBench multi-armed task: Bernoulli or Gaussian arms in a shuffled order, with a
/// scenario that names the arms and puts the feedback in words.
///
/// The first reset and every seeded reset draw an instance: the arm order is shuffled and, for
/// Gaussian tasks, new means are drawn from N(0, σ²) — each seed is one task instance, as in
/// the benchmark's seeded construction. A later unseeded reset keeps the instance and
/// continues the reward stream. With `shuffle: false`
/// the best Bernoulli arm stays first (the research note's fixed-order tables).
///
/// `step(_:)` adds `feedback` (the sentence) to the info. For language agents, `action(named:)`
/// maps a name back to an arm, throwing with the list of names when it matches none.
public struct BanditBenchBandit: BanditEnvironment, Sendable {
  public typealias Observation = Int

  /// The task configuration.
  public let configuration: BanditBench.Configuration
  /// Whether seeded resets shuffle the arm order.
  public let shuffle: Bool
  /// The generator of instances and rewards.
  public var rng: GymRandom
  /// The current instance's means, in the (possibly shuffled) arm order.
  public private(set) var arms: ArmMeans
  /// The reward noise σ (0 for Bernoulli tasks).
  public let sigma: Double
  /// The arms' names, in arm order.
  public let actionNames: [String]
  @usableFromInline var _time = 0
  @usableFromInline var started = false

  public let observationSpace = Discrete(1)
  public let actionSpace: Discrete

  /// A task.
  /// - Precondition: `configuration.arms >= 2` and `configuration.horizon > 0`.
  public init(_ configuration: BanditBench.Configuration, shuffle: Bool = true, seed: UInt64? = nil) {
    precondition(configuration.arms >= 2 && configuration.horizon > 0, "a task needs at least 2 arms and a positive horizon")
    self.configuration = configuration
    self.shuffle = shuffle
    rng = seed.map(GymRandom.init(seed:)) ?? .entropy()
    switch configuration.family {
    case .bernoulli(let gap):
      arms = ArmMeans([0.5 + gap / 2] + Array(repeating: 0.5 - gap / 2, count: configuration.arms - 1))
      sigma = 0
    case .gaussian(let s):
      arms = ArmMeans(Array(repeating: 0, count: configuration.arms))
      sigma = s
    }
    actionNames = configuration.scenario.actionNames(count: configuration.arms)
    actionSpace = Discrete(configuration.arms)
  }

  public var armCount: Int { configuration.arms }
  public var horizon: Int { configuration.horizon }
  public var time: Int { _time }
  public var currentObservation: Int { 0 }
  public var stationaryOptimalArm: Int? { arms.bestArm }
  /// Whether the arms are Bernoulli.
  public var isBernoulli: Bool { configuration.bernoulli }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<Int> {
    try BanditOptions.rejectResetOptions(options, for: "BanditBenchBandit")
    if let seed { rng = GymRandom(seed: seed) }
    if seed != nil || !started {
      var means: [Double]
      switch configuration.family {
      case .bernoulli(let gap): means = [0.5 + gap / 2] + Array(repeating: 0.5 - gap / 2, count: armCount - 1)
      case .gaussian(let s): means = (0..<armCount).map { _ in s * rng.normal() }
      }
      if shuffle {
        for i in stride(from: means.count - 1, to: 0, by: -1) { means.swapAt(i, rng.int(below: i + 1)) }
      }
      arms = ArmMeans(means)
    }
    _time = 0
    started = true
    return (0, ["instruction": .string(instruction)])
  }

  public mutating func pull(_ arm: Int) -> BanditFeedback {
    checkPull(arm, armCount: armCount, time: _time, horizon: horizon, started: started)
    _time += 1
    let mean = arms.means[arm]
    let reward: Double = isBernoulli ? (rng.nextDouble() < mean ? 1 : 0) : mean + sigma * rng.normal()
    return BanditFeedback(reward: reward, expectedReward: mean, regret: arms.gaps[arm], optimalArm: arms.bestArm)
  }

  /// Pulls and reports as `BanditEnvironment.step`, adding the `feedback` sentence.
  public mutating func step(_ action: Int) -> StepResult<Int, Double> {
    let feedback = pull(action)
    let info: Info = [
      "regret": .double(feedback.regret), "expected_reward": .double(feedback.expectedReward),
      "optimal_arm": .int(feedback.optimalArm), "feedback": .string(verbalize(arm: action, reward: feedback.reward)),
    ]
    return (0, feedback.reward, false, _time >= horizon, info)
  }

  /// The task described in a few sentences, naming every arm.
  public var instruction: String {
    let unit = configuration.scenario.unit
    let kind = isBernoulli ? "pays 1 or 0 with a fixed but unknown probability" : "pays a noisy amount around a fixed but unknown mean"
    return "There are \(armCount) \(unit)s: \(actionNames.joined(separator: ", ")). Each time you choose one, it \(kind). Maximise the total reward over \(horizon) choices."
  }

  /// The feedback sentence for a pull: "<name> <unit>, reward <r>".
  public func verbalize(arm: Int, reward: Double) -> String {
    let r = isBernoulli ? String(Int(reward)) : JSON.formatDouble((reward * 1000).rounded() / 1000)
    return "\(actionNames[arm]) \(configuration.scenario.unit), reward \(r)"
  }

  /// The arm called `name`, ignoring case and surrounding white space.
  /// - Throws: `EnvironmentError` listing the allowed names when none matches.
  public func action(named name: String) throws -> Int {
    let key = name.trimmingWhitespace().lowercased()
    if let i = actionNames.firstIndex(where: { $0.lowercased() == key }) { return i }
    throw EnvironmentError("unknown \(configuration.scenario.unit) '\(name)'; allowed: \(actionNames.joined(separator: ", "))")
  }
}

extension String {
  func trimmingWhitespace() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}

extension BanditBenchBandit {
  /// From construction options: `arms` (any K ≥ 2; the benchmark uses 5 and 20), `family`
  /// ("bernoulli" or "gaussian"), `difficulty` ("easy" or "hard"), `scenario`, `horizon` and
  /// `shuffle`.
  public init(options: Options, defaults: BanditBench.Configuration) throws {
    let o = try BanditOptions(options, for: "BanditBenchBandit", allowed: ["arms", "family", "difficulty", "scenario", "horizon", "shuffle"])
    var c = defaults
    c.arms = try o.int("arms", default: defaults.arms, in: 2...10_000)
    c.bernoulli = try o.string("family", default: defaults.bernoulli ? "bernoulli" : "gaussian", choices: ["bernoulli", "gaussian"]) == "bernoulli"
    c.difficulty = BanditBench.Difficulty(rawValue: try o.string("difficulty", default: defaults.difficulty.rawValue, choices: BanditBench.Difficulty.allCases.map(\.rawValue)))!
    c.scenario = BanditBench.Scenario(rawValue: try o.string("scenario", default: defaults.scenario.rawValue, choices: BanditBench.Scenario.allCases.map(\.rawValue)))!
    c.horizon = try o.int("horizon", default: defaults.horizon, in: 1...Int.max)
    self.init(c, shuffle: try o.bool("shuffle", default: true))
  }
}
