import GymCore
import GymGridWorld

/// How one bot episode ended.
public struct BabyAIBotEpisode: Sendable, Equatable {
  /// Whether the mission was accomplished (positive reward at the end).
  public var success: Bool
  /// Steps taken.
  public var length: Int
  /// The episode's return.
  public var episodeReturn: Double
  /// Why the bot gave up, if it did.
  public var error: BabyAIBotError?
}

extension BabyAIBot {
  /// Resets `env` with `seed` and lets the bot play the episode to its end (or until the bot
  /// gives up).
  /// - Precondition: `env` is a BabyAI level (it has an instruction verifier).
  public static func play<E: GridWorldEnvironment>(_ env: inout E, seed: UInt64?, actions: ((Int) -> Void)? = nil) throws -> BabyAIBotEpisode {
    _ = try env.reset(seed: seed, options: [:])
    guard let verifier = env.verifier else { throw BabyAIBotError("the environment has no BabyAI instruction") }
    var bot = BabyAIBot(world: env.world, verifier: verifier)
    var last: Int? = nil
    var total = 0.0
    var steps = 0
    while true {
      let action: Int
      do { action = try bot.replan(env.world, lastAction: last) } catch {
        return BabyAIBotEpisode(success: false, length: steps, episodeReturn: total, error: error)
      }
      actions?(action)
      let r = env.step(action)
      steps += 1
      total += r.reward
      last = action
      if r.terminated || r.truncated { return BabyAIBotEpisode(success: r.reward > 0, length: steps, episodeReturn: total) }
    }
  }
}

/// The bot as an agent over a type-erased BabyAI environment (what `gym run --agent bot`
/// drives): it reads the world through `env.base`, starts a new plan when an episode starts
/// and answers `done` once it has given up.
public struct BabyAIBotAgent: Agent {
  public typealias Observation = [Float]
  public typealias Action = [Float]

  let env: AnyEnvironment
  var bot: BabyAIBot?
  var last: Int?
  var gaveUp = false
  /// Episodes in which the bot gave up, with its reason.
  public private(set) var failures: [BabyAIBotError] = []

  /// An agent for `env`.
  /// - Throws: `BabyAIBotError` when `env` is not a BabyAI level.
  public init(env: AnyEnvironment) throws {
    guard env.base is MiniGridEnvironment<BabyAILevel> else {
      throw BabyAIBotError("the bot plays BabyAI levels (BabyAI-…); this environment has no instruction")
    }
    self.env = env
  }

  public mutating func act(_ observation: [Float]) -> [Float] {
    guard let grid = env.base as? any GridWorldEnvironment, let verifier = grid.verifier else {
      return [Float](oneHot: GridAction.done.rawValue, count: 7)
    }
    let world = grid.world
    if world.stepCount == 0 || bot == nil {
      bot = BabyAIBot(world: world, verifier: verifier)
      last = nil
      gaveUp = false
    }
    var action = GridAction.done.rawValue
    if !gaveUp {
      do { action = try bot!.replan(world, lastAction: last) } catch {
        failures.append(error)
        gaveUp = true
      }
    }
    last = action
    return [Float](oneHot: action, count: 7)
  }
}

extension Array where Element == Float {
  init(oneHot k: Int, count: Int) {
    self = [Float](repeating: 0, count: count)
    self[k] = 1
  }
}
