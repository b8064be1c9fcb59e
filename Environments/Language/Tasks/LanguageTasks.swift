import GymCore

/// The language-conditioned family: eight ARNOLD-style tasks with continuous goal states,
/// registered as `lang/<Task>-v0` with options `split` and `continuous`.
public enum LanguageTasks {
  /// Episode time limit (10 s of simulated time) of every task but TransferBalls.
  public static let maxEpisodeSteps = 200

  /// The time limit of `task`: 200 steps, and 300 (15 s) for TransferBalls, which fetches a
  /// cup from one end of the table and carries it, full, to the other before pouring.
  public static func maxEpisodeSteps(_ task: LanguageTaskKind) -> Int {
    task == .transferBalls ? 300 : maxEpisodeSteps
  }

  /// Registers every task in `registry`.
  public static func register(in registry: Registry) {
    for task in LanguageTaskKind.allCases {
      registry.register(EnvironmentSpec(
        id: "lang/\(task.idStem)-v0", family: "language", maxEpisodeSteps: maxEpisodeSteps(task), rewardThreshold: nil,
        summary: summary(task),
        factory: { options, renderMode in
          let (split, continuous, bagOfWords) = try parse(options, task: task)
          switch (continuous, bagOfWords) {
          case (true, false):
            return try AnyEnvironment(LanguageTask<ContinuousManipulation>(task: task, split: split), renderMode: renderMode)
          case (false, false):
            return try AnyEnvironment(LanguageTask<DiscreteManipulation>(task: task, split: split), renderMode: renderMode)
          case (true, true):
            return try AnyEnvironment(
              BagOfWordsObservation(LanguageTask<ContinuousManipulation>(task: task, split: split)), renderMode: renderMode)
          case (false, true):
            return try AnyEnvironment(
              BagOfWordsObservation(LanguageTask<DiscreteManipulation>(task: task, split: split)), renderMode: renderMode)
          }
        },
        benchmark: { config in
          let (split, continuous, _) = try parse(config.options, task: task)
          if continuous {
            return try Benchmark.run(config) { _ in LanguageTask<ContinuousManipulation>(task: task, split: split) }
          }
          return try Benchmark.run(config) { _ in LanguageTask<DiscreteManipulation>(task: task, split: split) }
        }))
    }
  }

  /// The construction options: `split` (`train`, `novel_values`, `novel_objects`,
  /// `novel_scenes`; default `train`), `continuous` (default true) and `observation`
  /// (`structured`, the default: state and instruction tokens; `bag_of_words`: one flat vector,
  /// see `BagOfWordsObservation`).
  public static func parse(_ options: Options, task: LanguageTaskKind) throws -> (split: LanguageSplit, continuous: Bool, bagOfWords: Bool) {
    let allowed = ["continuous", "observation", "split"]
    if let bad = options.keys.sorted().first(where: { !allowed.contains($0) }) {
      throw OptionError("unknown option '\(bad)' for lang/\(task.idStem)-v0; allowed: \(allowed.joined(separator: ", "))")
    }
    var bagOfWords = false
    if let v = options["observation"] {
      guard let s = v.stringValue, s == "structured" || s == "bag_of_words" else {
        throw OptionError("option 'observation' must be \"structured\" or \"bag_of_words\", got \(v)")
      }
      bagOfWords = s == "bag_of_words"
    }
    var split = LanguageSplit.train
    if let v = options["split"] {
      guard let s = v.stringValue, let parsed = LanguageSplit(rawValue: s) else {
        throw OptionError("option 'split' must be one of \(LanguageSplit.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), got \(v)")
      }
      split = parsed
    }
    var continuous = true
    if let v = options["continuous"] {
      guard let b = v.boolValue else { throw OptionError("option 'continuous' must be true or false, got \(v)") }
      continuous = b
    }
    return (split, continuous, bagOfWords)
  }

  static func summary(_ task: LanguageTaskKind) -> String {
    switch task {
    case .liftObject: return "Lift an object to the height an instruction names (cm)"
    case .rotateObject: return "Rotate an object by the angle an instruction names"
    case .openDrawer: return "Pull a drawer open to the fraction an instruction names"
    case .closeDrawer: return "Push a drawer in until the fraction an instruction names is open"
    case .openDoor: return "Swing a door open to the angle an instruction names"
    case .closeDoor: return "Swing a door shut to the angle an instruction names"
    case .pourBalls: return "Pour the fraction of a container's balls an instruction names into a bowl"
    case .transferBalls: return "Pick up a cup and pour the fraction an instruction names into another cup"
    }
  }
}
