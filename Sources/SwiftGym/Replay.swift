/// Replays recorded trajectories (the format of Gymnasium's reference files) through our
/// environments: `gym replay`.
///
/// The input is `{"mode": "injected"|"seeded", "env": {"id": …}, "episodes": [{"seed", "actions",
/// "injected_state"?, …}]}`. Each episode is reset with its seed; in injected mode the
/// internal state is then replaced by `injected_state`; then the actions are applied. The
/// output has the same structure with our `obs0_after_reset`, `obs0`, `obs`, `reward`,
/// `terminated`, `truncated`, `return`, `n_steps` (and `state` where the environment exposes
/// it). In seeded mode an episode of ours that ends before the recording's actions run out
/// stops there, with `ended_before_recording` set to its length.
public enum Replay {
  /// A malformed trajectory file: names the field at fault.
  public struct FormatError: Error, CustomStringConvertible, Sendable {
    /// The path of the field, like `episodes[2].actions[5]`.
    public var field: String
    /// What was wrong.
    public var problem: String
    public var description: String { "malformed trajectory file: \(field): \(problem)" }
  }

  /// Replays every episode of a parsed trajectory file.
  public static func run(_ input: JSONValue, registry: Registry = .standard) throws -> JSONValue {
    guard case .object(let root) = input else { throw FormatError(field: "(root)", problem: "expected an object, got \(input.kindName)") }
    guard let envObject = root["env"]?.objectValue else { throw FormatError(field: "env", problem: "missing object with an 'id'") }
    guard let id = envObject["id"]?.stringValue else { throw FormatError(field: "env.id", problem: "missing string") }
    let mode = root["mode"]?.stringValue ?? "seeded"
    guard mode == "seeded" || mode == "injected" else {
      throw FormatError(field: "mode", problem: "must be \"seeded\" or \"injected\", got \(root["mode"]!)")
    }
    guard let episodes = root["episodes"]?.arrayValue else { throw FormatError(field: "episodes", problem: "missing array") }
    let env = try registry.make(id)
    var outEpisodes: [JSONValue] = []
    for (k, episode) in episodes.enumerated() {
      let at = "episodes[\(k)]"
      guard case .object(let e) = episode else { throw FormatError(field: at, problem: "expected an object") }
      guard let seedValue = e["seed"], let seed = seedValue.intValue, seed >= 0 else {
        throw FormatError(field: at + ".seed", problem: "expected a non-negative integer")
      }
      guard let actions = e["actions"]?.arrayValue else { throw FormatError(field: at + ".actions", problem: "missing array") }
      var out: [String: JSONValue] = ["seed": .int(seed)]
      let (obsAfterReset, _) = try env.reset(seed: UInt64(seed), options: [:])
      out["obs0_after_reset"] = JSONValue(obsAfterReset)
      var obs0 = obsAfterReset
      if mode == "injected" {
        guard let state = e["injected_state"], state.doubleArray != nil else {
          throw FormatError(field: at + ".injected_state", problem: "expected an array of numbers in injected mode")
        }
        out["injected_state"] = state
        do { obs0 = try env.reset(seed: UInt64(seed), options: ["state": state]).observation } catch {
          throw FormatError(field: at + ".injected_state", problem: "\(error)")
        }
      }
      out["obs0"] = JSONValue(obs0)
      var states: [JSONValue] = []
      if let s = env.internalState { states.append(JSONValue(s)) }
      var observations: [JSONValue] = [], rewards: [JSONValue] = [], terms: [JSONValue] = [], truncs: [JSONValue] = []
      var total = 0.0
      for (i, action) in actions.enumerated() {
        let r: StepResult<[Float], Double>
        do { r = try env.step(json: action) } catch {
          throw FormatError(field: "\(at).actions[\(i)]", problem: "\(error)")
        }
        observations.append(JSONValue(r.observation))
        rewards.append(.double(r.reward))
        terms.append(.bool(r.terminated))
        truncs.append(.bool(r.truncated))
        if let s = env.internalState { states.append(JSONValue(s)) }
        total += r.reward
        if r.terminated || r.truncated, i + 1 < actions.count {
          // Seeded physics trajectories may legitimately part from the recording (Box2D
          // versions differ): stop the episode where ours ended and say so. Injected
          // trajectories must match, so there it is an error.
          guard mode == "seeded" else {
            throw FormatError(field: "\(at).actions", problem: "the episode ended after \(i + 1) steps but \(actions.count) actions were given")
          }
          out["ended_before_recording"] = .int(i + 1)
          break
        }
      }
      out["actions"] = .array(Array(actions.prefix(observations.count)))
      out["n_steps"] = .int(observations.count)
      out["obs"] = .array(observations)
      out["reward"] = .array(rewards)
      out["terminated"] = .array(terms)
      out["truncated"] = .array(truncs)
      out["return"] = .double(total)
      if !states.isEmpty { out["state"] = .array(states) }
      outEpisodes.append(.object(out))
    }
    var result = root
    result["episodes"] = .array(outEpisodes)
    result["meta"] = ["producer": "SwiftGym gym replay", "source_meta": root["meta"] ?? .null]
    return .object(result)
  }

  /// How a replay compares with the reference it was made from.
  public struct Comparison: Sendable {
    /// Largest relative observation difference, |a − b| / max(|b|, 1e-8)... over all steps.
    public var maxObservationRelativeError: Double = 0
    /// Largest absolute observation difference.
    public var maxObservationAbsoluteError: Double = 0
    /// Largest absolute reward difference.
    public var maxRewardError: Double = 0
    /// Steps whose terminated/truncated flags differ.
    public var flagMismatches: Int = 0
    /// Steps compared.
    public var steps: Int = 0
  }

  /// Compares a replay output with the reference file it came from.
  ///
  /// Relative error uses max(|reference|, `floor`) as the denominator, so values near zero are
  /// compared absolutely at that scale.
  public static func compare(_ ours: JSONValue, reference: JSONValue, floor: Double = 1e-3) -> Comparison {
    var c = Comparison()
    let a = ours["episodes"]?.arrayValue ?? [], b = reference["episodes"]?.arrayValue ?? []
    for (ea, eb) in zip(a, b) {
      func obs(_ e: JSONValue, _ key: String) -> [[Double]] { (e[key]?.arrayValue ?? []).compactMap(\.doubleArray) }
      let pairs = zip(obs(ea, "obs") + [ea["obs0"]?.doubleArray ?? []], obs(eb, "obs") + [eb["obs0"]?.doubleArray ?? []])
      for (oa, ob) in pairs {
        for (x, y) in zip(oa, ob) {
          let abs = Swift.abs(x - y)
          c.maxObservationAbsoluteError = max(c.maxObservationAbsoluteError, abs)
          c.maxObservationRelativeError = max(c.maxObservationRelativeError, abs / max(Swift.abs(y), floor))
        }
      }
      let ra = ea["reward"]?.doubleArray ?? [], rb = eb["reward"]?.doubleArray ?? []
      for (x, y) in zip(ra, rb) { c.maxRewardError = max(c.maxRewardError, Swift.abs(x - y)) }
      let ta = ea["terminated"]?.arrayValue ?? [], tb = eb["terminated"]?.arrayValue ?? []
      let ua = ea["truncated"]?.arrayValue ?? [], ub = eb["truncated"]?.arrayValue ?? []
      c.steps += min(ta.count, tb.count)
      if ta.count != tb.count { c.flagMismatches += Swift.abs(ta.count - tb.count) }
      for (x, y) in zip(ta, tb) where x != y { c.flagMismatches += 1 }
      for (x, y) in zip(ua, ub) where x != y { c.flagMismatches += 1 }
    }
    return c
  }
}
