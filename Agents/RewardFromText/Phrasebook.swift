/// The built-in text → reward backend: a documented phrasebook of control-task phrases, each
/// contributing reward terms for the views it applies to.
///
/// The text is lower-cased, "center" is read as "centre", punctuation is dropped, and every
/// phrase whose trigger words appear (as whole words, in order, possibly with other words
/// between them) contributes its terms. Modifiers such as "fast" or "quickly" scale the terms
/// of the phrase they follow or add a time cost. The composed program is parsed and checked like
/// any other, so the phrasebook cannot produce an invalid reward. Deterministic and offline.
///
/// The phrases are listed in `docs/reward-from-text.md` and by `gym reward phrases`.
public struct Phrasebook: RewardTextCompiler {
  /// One phrase: trigger word sequences and the statements they add, per view.
  public struct Entry: Sendable {
    /// A short name of the phrase.
    public var name: String
    /// Word sequences any of which triggers the phrase (words must appear in this order).
    public var triggers: [[String]]
    /// The view names it applies to.
    public var views: Set<String>
    /// The statements it adds, in the reward language.
    public var statements: [String]
    /// An example description using the phrase.
    public var example: String
  }

  public var identifier: String { "phrasebook" }

  /// A phrasebook with the built-in entries.
  public init() {}

  /// The entries.
  public static let entries: [Entry] = {
    let cart: Set<String> = ["CartPole"]
    let lander: Set<String> = ["LunarLander", "LunarLanderContinuous"]
    let walker: Set<String> = ["BipedalWalker"]
    let car: Set<String> = ["MountainCar", "MountainCarContinuous"]
    return [
      // CartPole
      Entry(name: "upright", triggers: [["upright"], ["balance"], ["pole", "up"]], views: cart,
            statements: ["term upright = 1 - clamp(abs(pole_angle) / angle_limit, 0, 1)"],
            example: "keep the pole upright near the centre"),
      Entry(name: "centre", triggers: [["centre"], ["middle"]], views: cart,
            statements: ["term centre weight 0.5 = 1 - clamp(abs(cart_position) / position_limit, 0, 1)"],
            example: "keep the pole upright near the centre"),
      Entry(name: "steady", triggers: [["steady"], ["still"], ["smooth"]], views: cart,
            statements: ["term steady weight -0.1 = clamp(abs(pole_angular_velocity), 0, 2)"],
            example: "balance the pole and keep it steady"),
      Entry(name: "fall", triggers: [["without", "falling"], ["not", "fall"], ["never", "fall"]], views: cart,
            statements: ["term fall weight -10 = once(terminated)"],
            example: "balance the pole without falling"),
      // LunarLander
      Entry(name: "land", triggers: [["land"], ["touch", "down"]], views: lander,
            statements: [
              // Progress terms stop on the step that ends the episode: there the outcome alone
              // counts, or a crash would earn back the speed it had (the impact stops the lander).
              "term approach weight 100 = until(terminated, dist(prev.position, pad) - dist(position, pad))",
              "term level weight 100 = until(terminated, abs(prev.angle) - abs(angle))",
              "term legs weight 10 = until(terminated, indicator(left_leg_contact) - indicator(prev.left_leg_contact) + indicator(right_leg_contact) - indicator(prev.right_leg_contact))",
              // Resting (the body asleep) is what ends a landing; a crash ends the episode too,
              // often with the legs touching, but still moving.
              "let at_rest = left_leg_contact and right_leg_contact and norm(velocity) < 0.01 and abs(angular_velocity) < 0.01",
              "term crash weight -100 = indicator(terminated and not at_rest)",
              "term landed weight 100 = indicator(terminated and at_rest)",
            ],
            example: "land softly between the flags using little fuel"),
      Entry(name: "softly", triggers: [["softly"], ["gently"], ["slowly"], ["soft"]], views: lander,
            statements: ["term soft weight 100 = until(terminated, norm(prev.velocity) - norm(velocity))"],
            example: "land softly between the flags using little fuel"),
      Entry(name: "between the flags", triggers: [["between", "flags"], ["on", "pad"]], views: lander,
            statements: ["term on_pad weight 20 = once(left_leg_contact and right_leg_contact and between(position.x, flag_left, flag_right))"],
            example: "land softly between the flags using little fuel"),
      Entry(name: "little fuel", triggers: [["little", "fuel"], ["save", "fuel"], ["fuel"], ["efficient"]], views: lander,
            statements: ["term main_fuel weight -0.3 = main_engine", "term side_fuel weight -0.03 = side_engine"],
            example: "land softly between the flags using little fuel"),
      // BipedalWalker
      Entry(name: "walk forward", triggers: [["walk"], ["forward"], ["run"]], views: walker,
            statements: ["term forward weight 1 = velocity.x"],
            example: "walk forward fast without falling"),
      Entry(name: "fast", triggers: [["fast"], ["quickly"]], views: walker,
            statements: ["term speed weight 1 = velocity.x"],
            example: "walk forward fast without falling"),
      Entry(name: "without falling", triggers: [["without", "falling"], ["not", "fall"], ["never", "fall"]], views: walker,
            statements: ["term fall weight -100 = once(terminated)"],
            example: "walk forward fast without falling"),
      Entry(name: "level", triggers: [["level"], ["upright"]], views: walker,
            statements: ["term level weight -5 = abs(hull_angle)"],
            example: "walk forward keeping the hull level"),
      Entry(name: "little energy", triggers: [["energy"], ["efficient"], ["little", "effort"]], views: walker,
            statements: ["term effort weight -0.03 = abs(motors[0]) + abs(motors[1]) + abs(motors[2]) + abs(motors[3])"],
            example: "walk forward efficiently using little energy"),
      // MountainCar
      Entry(name: "reach the flag", triggers: [["flag"], ["top"], ["goal"], ["hill"]], views: car,
            statements: ["term goal weight 100 = once(position >= goal_position)", "term momentum weight 10 = abs(velocity) - abs(prev.velocity)"],
            example: "reach the flag on the right hill"),
      Entry(name: "quickly", triggers: [["quickly"], ["fast"], ["soon"]], views: car.union(["Acrobot"]),
            statements: ["term time weight -1 = 1"],
            example: "reach the flag quickly"),
      // Acrobot
      Entry(name: "swing up", triggers: [["swing"], ["above"], ["tip", "up"], ["bar"]], views: ["Acrobot"],
            statements: ["term height weight 0.1 = tip_height", "term goal weight 10 = once(tip_height > goal_height)"],
            example: "swing the tip above the bar quickly"),
      // Pendulum
      Entry(name: "upright", triggers: [["upright"], ["swing", "up"], ["balance"], ["vertical"]], views: ["Pendulum"],
            statements: ["term upright = height"],
            example: "swing the pendulum up and keep it upright"),
      Entry(name: "steady", triggers: [["steady"], ["still"], ["slowly"]], views: ["Pendulum"],
            statements: ["term steady weight -0.1 = square(angular_velocity)"],
            example: "keep the pendulum upright and still"),
      Entry(name: "little torque", triggers: [["torque"], ["effort"], ["energy"]], views: ["Pendulum"],
            statements: ["term effort weight -0.01 = square(torque)"],
            example: "hold the pendulum upright with little effort"),
    ]
  }()

  /// The words of `text`: lower case, "center" as "centre", punctuation dropped.
  static func words(_ text: String) -> [String] {
    var cleaned = ""
    for c in text.lowercased() { cleaned.append(c.isLetter || c.isNumber ? c : " ") }
    return cleaned.split(separator: " ").map { w in
      let s = String(w)
      switch s {
      case "center": return "centre"
      case "centered", "centred": return "centre"
      case "falls", "fell": return "fall"
      case "landing", "lands": return "land"
      case "walking", "walks": return "walk"
      default: return s
      }
    }
  }

  /// Whether `sequence` appears in `words` in order (other words may lie between).
  static func contains(_ words: [String], _ sequence: [String]) -> Bool {
    var i = 0
    for w in words where i < sequence.count && w == sequence[i] { i += 1 }
    return i == sequence.count
  }

  /// The entries `text` triggers for `view`, in table order.
  public func matches(_ text: String, view: RewardView) -> [Entry] {
    let w = Self.words(text)
    return Self.entries.filter { e in e.views.contains(view.name) && e.triggers.contains { Self.contains(w, $0) } }
  }

  /// Composes the statements of every phrase in `text` and compiles them against `view`.
  /// - Throws: `RewardCompilerError` when no phrase for this view appears in the text.
  public func compile(_ text: String, view: RewardView) throws -> RewardCompilation {
    let found = matches(text, view: view)
    guard !found.isEmpty else {
      let known = Self.entries.filter { $0.views.contains(view.name) }
      let list = known.map { "\($0.name) (\($0.triggers.map { $0.joined(separator: " … ") }.joined(separator: " / ")))" }
      throw RewardCompilerError(
        known.isEmpty
          ? "the phrasebook has no phrases for \(view.name); write a reward program instead"
          : "no phrase for \(view.name) in \"\(text)\"; known phrases: \(list.joined(separator: "; "))")
    }
    var seen = Set<String>()
    var lines = ["# \(text)"]
    for e in found {
      for s in e.statements where seen.insert(s).inserted { lines.append(s) }
    }
    // Terms with the same name from different phrases (e.g. CartPole's and a walker's "fall")
    // cannot meet here, since one view's phrases use distinct term names.
    let source = lines.joined(separator: "\n")
    let reward: CompiledReward
    do { reward = try CompiledReward(source: source, view: view) } catch {
      throw RewardCompilerError("the phrasebook composed an invalid program (a bug in its table)", attemptErrors: [error])
    }
    return RewardCompilation(reward: reward, backend: identifier, notes: found.map { "phrase: \($0.name)" })
  }
}
