import GymCore

/// Why `checkEnvironment` rejected an environment: every problem it found, one per line.
public struct EnvironmentCheckError: Error, CustomStringConvertible, Sendable {
  /// The problems, each naming the check and what was seen.
  public var failures: [String]
  public var description: String {
    "environment check failed:\n" + failures.map { "  - " + $0 }.joined(separator: "\n")
  }
}

/// What `checkEnvironment` verified.
public struct EnvironmentCheckReport: Sendable {
  /// The checks that ran, in order.
  public var checks: [String]
  /// Steps taken while checking.
  public var steps: Int
  /// Episodes finished while checking.
  public var episodes: Int
}

/// Checks that an environment follows the protocol's contract: Gymnasium's `check_env`.
///
/// Verifies that spaces are usable (sampled values are members, flatten round-trips), that
/// observations stay inside the observation space, that `reset(seed:)` is deterministic and an
/// unseeded reset continues the stream, that stepping is deterministic for equal seeds and
/// actions, that rewards are finite, that terminated or truncated episodes end, and that every
/// render mode in `metadata` works.
/// - Parameters:
///   - make: builds a fresh environment (called several times).
///   - steps: how many steps to take in the stepping checks.
///   - seed: the seed used for the determinism checks.
/// - Throws: `EnvironmentCheckError` listing every failed check.
@discardableResult
public func checkEnvironment<E: Environment>(
  _ make: () throws -> E, steps: Int = 300, seed: UInt64 = 123
) throws -> EnvironmentCheckReport {
  var failures: [String] = []
  var checks: [String] = []
  func fail(_ message: String) { failures.append(message) }

  var env = try make()
  let obsSpace = env.observationSpace
  let actSpace = env.actionSpace

  // Spaces.
  checks.append("spaces")
  var rng = GymRandom(seed: seed)
  if obsSpace.flatDimension <= 0 { fail("observation space \(obsSpace) has flat dimension \(obsSpace.flatDimension)") }
  if actSpace.flatDimension <= 0 { fail("action space \(actSpace) has flat dimension \(actSpace.flatDimension)") }
  for _ in 0..<20 {
    let a = actSpace.sample(using: &rng)
    if !actSpace.contains(a) { fail("a sample of the action space \(actSpace) is not contained in it: \(actSpace.encode(a))"); break }
    let flat = actSpace.flatten(a)
    if let back = try? actSpace.unflatten(flat), actSpace.encode(back) == actSpace.encode(a) {} else {
      fail("action space \(actSpace) does not round-trip flatten/unflatten for \(actSpace.encode(a))")
      break
    }
  }

  // Seeded reset determinism and stream continuation.
  checks.append("reset determinism")
  let first = try env.reset(seed: seed, options: [:])
  if !obsSpace.contains(first.observation) {
    fail("reset(seed: \(seed)) returned an observation outside \(obsSpace): \(obsSpace.encode(first.observation))")
  }
  let next = try env.reset(seed: nil, options: [:])
  var env2 = try make()
  let again = try env2.reset(seed: seed, options: [:])
  if obsSpace.encode(again.observation) != obsSpace.encode(first.observation) {
    fail("two resets with seed \(seed) gave different observations: \(obsSpace.encode(first.observation)) vs \(obsSpace.encode(again.observation))")
  }
  let next2 = try env2.reset(seed: nil, options: [:])
  if obsSpace.encode(next2.observation) != obsSpace.encode(next.observation) {
    fail("an unseeded reset after reset(seed: \(seed)) does not continue the seeded stream deterministically")
  }
  let other = try env2.reset(seed: seed &+ 1, options: [:])
  if obsSpace.encode(other.observation) == obsSpace.encode(first.observation), obsSpace.flatDimension > 1 {
    checks.append("note: seeds \(seed) and \(seed + 1) give the same first observation")
  }

  // Stepping: determinism, observations in space, finite rewards, episode ends.
  checks.append("step determinism")
  var a = try make(), b = try make()
  _ = try a.reset(seed: seed, options: [:])
  _ = try b.reset(seed: seed, options: [:])
  var actionRNG = GymRandom(seed: seed)
  var episodes = 0
  var taken = 0
  var reportedOutside = false
  for i in 0..<steps {
    let action = actSpace.sample(using: &actionRNG)
    let ra = a.step(action), rb = b.step(action)
    taken += 1
    if !reportedOutside && !obsSpace.contains(ra.observation) {
      fail("step \(i + 1) returned an observation outside \(obsSpace): \(obsSpace.encode(ra.observation))")
      reportedOutside = true
    }
    if !ra.reward.isFinite { fail("step \(i + 1) returned a non-finite reward \(ra.reward.components)"); break }
    if obsSpace.encode(ra.observation) != obsSpace.encode(rb.observation) || ra.reward.components.map(\.bitPattern) != rb.reward.components.map(\.bitPattern)
      || ra.terminated != rb.terminated || ra.truncated != rb.truncated
    {
      fail("step \(i + 1) differs between two environments reset with seed \(seed) and given the same actions")
      break
    }
    if ra.terminated || ra.truncated {
      episodes += 1
      _ = try a.reset(seed: nil, options: [:])
      _ = try b.reset(seed: nil, options: [:])
    }
  }

  // Rendering.
  checks.append("render")
  let modes = env.metadata.renderModes
  if modes.contains(.rgbArray) {
    if let r = env as? any RenderableEnvironment {
      let frame = r.render()
      if frame.pixels.count != frame.width * frame.height * 3 { fail("render() returned a frame whose pixel count does not match its size") }
    } else if let any = env as? AnyEnvironment {
      if any.renderFrame() == nil { fail("metadata lists rgb_array, but the environment does not render frames") }
    } else {
      fail("metadata lists rgb_array, but \(E.self) does not conform to RenderableEnvironment")
    }
  }
  if modes.contains(.ansi) {
    if let t = env as? any TextRenderableEnvironment {
      if t.renderText().isEmpty { fail("renderText() returned an empty string") }
    } else if let any = env as? AnyEnvironment {
      if any.renderText() == nil { fail("metadata lists ansi, but the environment does not render text") }
    } else {
      fail("metadata lists ansi, but \(E.self) does not conform to TextRenderableEnvironment")
    }
  }

  if !failures.isEmpty { throw EnvironmentCheckError(failures: failures) }
  return EnvironmentCheckReport(checks: checks, steps: taken, episodes: episodes)
}
