import GymCore
import GymNN

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Saving and restoring PPO training state: weights in safetensors, everything else in JSON.
///
/// A checkpoint directory holds `weights-<step>.safetensors` (the policy's tensors, CleanRL
/// names, loadable in PyTorch) and `state.json`: format and version, the caller's metadata
/// (such as the environment id), seed, step, iteration and episode counts, training seconds,
/// recent returns, the hyperparameters, the policy architecture with its observation
/// normaliser, the reward normaliser, and Adam's step count and moments. Weights are written
/// first and `state.json` last, each atomically, and `state.json` names its weights file, so
/// an interruption at any point leaves the previous checkpoint intact.
public enum PPOCheckpoint {
  /// The name of the state file inside a checkpoint directory.
  public static let stateFileName = "state.json"
  /// The `format` field of `state.json`.
  public static let format = "swiftgym-ppo-checkpoint"
  /// The `version` field of `state.json`.
  public static let version = 1

  /// Writes `trainer`'s state into `directory` (created if missing).
  /// - Parameters:
  ///   - trainer: the trainer to save.
  ///   - directory: the checkpoint directory.
  ///   - metadata: stored under `"metadata"` (e.g. the environment id and options).
  /// - Throws: `PPOError` naming the path when something cannot be written; the previous
  ///   checkpoint stays valid.
  public static func save<Env>(_ trainer: PPOTrainer<Env>, to directory: String, metadata: [String: JSONValue] = [:]) throws {
    try FileSystem.createDirectory(directory)
    let weightsName = "weights-\(trainer.stepCount).safetensors"
    let state = stateJSON(trainer, weightsFile: weightsName, metadata: metadata)
    let tensorMetadata = ["format": "pt", "step": String(trainer.stepCount), "producer": "SwiftGym PPO"]
    do {
      try Safetensors.write(trainer.policy.parameters.namedTensors(), metadata: tensorMetadata, to: directory + "/" + weightsName)
      try AtomicFile.write(JSON.string(state, pretty: true) + "\n", to: directory + "/" + stateFileName)
    } catch {
      throw PPOError("cannot write checkpoint: \(error)")
    }
    for name in FileSystem.list(directory) where name.hasPrefix("weights-") && name.hasSuffix(".safetensors") && name != weightsName {
      FileSystem.remove(directory + "/" + name)
    }
  }

  static func stateJSON<Env>(_ trainer: PPOTrainer<Env>, weightsFile: String, metadata: [String: JSONValue]) -> JSONValue {
    let adam = trainer.optimizer
    var o: [String: JSONValue] = [
      "format": .string(format), "version": .int(version), "metadata": .object(metadata),
      "seed": .string(String(trainer.seed)), "step_count": .int(trainer.stepCount), "iteration": .int(trainer.iteration),
      "episode_count": .int(trainer.episodeCount), "training_seconds": .double(trainer.trainingSeconds),
      "recent_returns": JSONValue(trainer.recentReturns), "configuration": trainer.configuration.json,
      "policy": trainer.policy.json, "weights": .string(weightsFile),
      "optimizer": [
        "step_count": .int(adam.stepCount), "beta1": .double(Double(adam.beta1)), "beta2": .double(Double(adam.beta2)),
        "epsilon": .double(Double(adam.epsilon)), "learning_rate": .double(Double(adam.learningRate)),
        "first_moments": JSONValue(adam.firstMoments.map(Double.init)),
        "second_moments": JSONValue(adam.secondMoments.map(Double.init)),
      ],
    ]
    o["reward_normalizer"] = trainer.rewardNormalizer?.json ?? .null
    return .object(o)
  }

  /// Reads `state.json` of a checkpoint directory and checks its format.
  /// - Throws: `PPOError` naming the path: missing file, invalid JSON, another format or version.
  public static func readState(_ directory: String) throws -> JSONValue {
    let path = directory + "/" + stateFileName
    guard FileSystem.exists(path) else {
      throw PPOError("no checkpoint in '\(directory)': \(stateFileName) is missing (train with --out '\(directory)' first)")
    }
    let state: JSONValue
    do { state = try JSON.parse(try AtomicFile.read(path)) } catch {
      throw PPOError("checkpoint '\(path)' is not valid JSON: \(error)")
    }
    guard state["format"]?.stringValue == format else {
      throw PPOError("'\(path)' is not a SwiftGym PPO checkpoint (format \(state["format"].map { "\($0)" } ?? "missing"))")
    }
    guard state["version"]?.intValue == version else {
      throw PPOError("checkpoint '\(path)' has version \(state["version"].map { "\($0)" } ?? "missing"); this build reads version \(version)")
    }
    return state
  }

  /// The policy stored in a checkpoint directory: architecture, observation normaliser and
  /// weights.
  /// - Returns: the policy and the parsed `state.json`.
  /// - Throws: `PPOError` naming what is missing, malformed or inconsistent.
  public static func loadPolicy(from directory: String) throws -> (policy: ActorCritic, state: JSONValue) {
    let state = try readState(directory)
    guard let policyJSON = state["policy"] else { throw PPOError("checkpoint '\(directory)' has no policy section") }
    let policy = try ActorCritic(json: policyJSON)
    guard let weights = state["weights"]?.stringValue, !weights.contains("/") else {
      throw PPOError("checkpoint '\(directory)' does not name its weights file")
    }
    let (tensors, meta) = try Safetensors.read(directory + "/" + weights)
    do { try policy.parameters.load(tensors) } catch { throw PPOError("\(directory)/\(weights): \(error.message)") }
    if let step = state["step_count"]?.intValue, let stored = meta["step"], stored != String(step) {
      throw PPOError("\(directory)/\(weights) holds step \(stored) but \(stateFileName) is at step \(step); the checkpoint is inconsistent")
    }
    return (policy, state)
  }

  /// The hyperparameters and seed stored in a checkpoint's state.
  /// - Throws: `PPOError` when they are missing or invalid.
  public static func configuration(in state: JSONValue) throws -> (configuration: PPOConfiguration, seed: UInt64) {
    guard let c = state["configuration"] else { throw PPOError("checkpoint has no configuration") }
    let configuration = try PPOConfiguration(json: c)
    guard let s = state["seed"]?.stringValue, let seed = UInt64(s) else { throw PPOError("checkpoint has no valid seed") }
    return (configuration, seed)
  }
}

extension PPOTrainer {
  /// Restores weights, normalisers, optimizer and counters from a checkpoint directory written
  /// by `PPOCheckpoint.save` for a trainer with the same configuration (the step target aside).
  ///
  /// The next `train` call resets the sub-environments with a seed derived from the run's seed
  /// and the restored iteration, so resuming is reproducible, though not identical to a run
  /// that was never interrupted (environment states are not saved).
  /// - Returns: the parsed `state.json` (for its metadata).
  /// - Throws: `PPOError` when the checkpoint is malformed or was made with other settings.
  @discardableResult
  public func restore(from directory: String) throws -> JSONValue {
    let (loaded, state) = try PPOCheckpoint.loadPolicy(from: directory)
    let (stored, storedSeed) = try PPOCheckpoint.configuration(in: state)
    var storedConfiguration = stored
    // The step target may grow on resume (`gym train --resume --steps N`); every other
    // hyperparameter must match.
    storedConfiguration.totalSteps = configuration.totalSteps
    guard storedConfiguration == configuration else {
      throw PPOError("the checkpoint in '\(directory)' was trained with other hyperparameters: \(JSON.string(storedConfiguration.json))")
    }
    guard storedSeed == seed else { throw PPOError("the checkpoint in '\(directory)' has seed \(storedSeed), not \(seed)") }
    guard loaded.parameters.tensors == policy.parameters.tensors else {
      throw PPOError("the checkpoint's network does not match this environment's observation and action spaces")
    }
    guard let stepCount = state["step_count"]?.intValue, stepCount >= 0, let iteration = state["iteration"]?.intValue, iteration >= 0,
      let episodeCount = state["episode_count"]?.intValue, episodeCount >= 0,
      let seconds = state["training_seconds"]?.doubleValue, let recent = state["recent_returns"]?.doubleArray
    else { throw PPOError("checkpoint '\(directory)': counters (step_count, iteration, episode_count, training_seconds, recent_returns) are missing or invalid") }
    guard let adam = state["optimizer"], let adamSteps = adam["step_count"]?.intValue,
      let m = adam["first_moments"]?.doubleArray, let v = adam["second_moments"]?.doubleArray
    else { throw PPOError("checkpoint '\(directory)': the optimizer state is missing or invalid") }
    do {
      try optimizer.restore(stepCount: adamSteps, firstMoments: m.map { Float($0) }, secondMoments: v.map { Float($0) })
    } catch { throw PPOError("checkpoint '\(directory)': \(error.message)") }
    policy.parameters.copyValues(from: loaded.parameters)
    policy.observationNormalizer = loaded.observationNormalizer
    guard (policy.observationNormalizer != nil) == configuration.normalizeObservations else {
      throw PPOError("checkpoint '\(directory)': observation normaliser does not match normalize_observations")
    }
    if let r = state["reward_normalizer"], r != .null {
      rewardNormalizer = try RewardNormalizer(json: r, count: configuration.environmentCount)
    } else if configuration.normalizeRewards {
      throw PPOError("checkpoint '\(directory)': the reward normaliser is missing")
    }
    self.stepCount = stepCount
    self.iteration = iteration
    self.episodeCount = episodeCount
    trainingSeconds = seconds
    recentReturns = recent
    started = false
    return state
  }
}

/// The few file-system operations checkpoints need.
enum FileSystem {
  /// Creates `path` and its parents.
  /// - Throws: `PPOError` naming the path and the reason.
  static func createDirectory(_ path: String) throws {
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
      current += "/" + part
      if mkdir(current, 0o755) != 0 && errno != EEXIST {
        throw PPOError("cannot create directory '\(path)': \(String(cString: strerror(errno)))")
      }
    }
    guard isDirectory(path) else { throw PPOError("cannot use '\(path)' as a directory: a file of that name exists") }
  }

  /// Whether `path` exists.
  static func exists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }

  /// Whether `path` is a directory.
  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }

  /// The names in a directory (empty if it cannot be read).
  static func list(_ path: String) -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  /// Deletes a file, ignoring errors.
  static func remove(_ path: String) { unlink(path) }
}
