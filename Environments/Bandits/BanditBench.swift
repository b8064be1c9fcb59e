import GymCore

/// The BanditBench (EVOLvE, Nie et al. — ICML 2025) task configurations: bandits presented
/// in words, for testing in-context exploration, and their classic-agent baselines.
///
/// Multi-armed tasks (`BanditBenchBandit`): K ∈ {5, 20} arms; Bernoulli arms with every mean
/// at 0.5 − Δ/2 except one at 0.5 + Δ/2, Δ = 0.5 (easy) or 0.2 (hard); or Gaussian arms whose
/// means are drawn from N(0, σ²) with reward noise σ, σ = 1 (easy) or 3 (hard). The arm order
/// is shuffled per seed; the horizon is 1,000 (the "HardCore" subset is 20 Bernoulli hard arms
/// in the VideoWatching and ClothesShopping scenarios). A scenario names the arms and phrases
/// the feedback ("<name> <unit>, reward 1"); the names here are SwiftGym's own lists.
///
/// The contextual task is `BanditBenchRecommendation`, a synthetic stand-in for the MovieLens
/// task (MovieLens itself is not redistributed).
public enum BanditBench {
  /// The verbal framing of a multi-armed task: what the arms are called.
  public enum Scenario: String, Sendable, Hashable, CaseIterable {
    /// Buttons named by colours.
    case buttonPushing = "ButtonPushing"
    /// Advertisements named by letters.
    case onlineAds = "OnlineAds"
    /// Videos named by titles.
    case videoWatching = "VideoWatching"
    /// Clothing items named by descriptions.
    case clothesShopping = "ClothesShopping"

    /// The noun for one arm in feedback sentences.
    public var unit: String {
      switch self {
      case .buttonPushing: "button"
      case .onlineAds: "advertisement"
      case .videoWatching: "video"
      case .clothesShopping: "item"
      }
    }

    /// Distinct names for `count` arms.
    public func actionNames(count: Int) -> [String] {
      func cycle(_ base: [String]) -> [String] {
        (0..<count).map { i in i < base.count ? base[i] : "\(base[i % base.count]) \(i / base.count + 1)" }
      }
      switch self {
      case .buttonPushing:
        return cycle([
          "red", "blue", "green", "yellow", "orange", "purple", "black", "white", "grey", "pink",
          "brown", "teal", "navy", "olive", "maroon", "lime", "cyan", "magenta", "gold", "silver",
        ])
      case .onlineAds:
        return (0..<count).map { Self.letters($0) }
      case .videoWatching:
        return cycle([
          "Night Train", "The Quiet Harbour", "Paper Kites", "Salt and Stone", "Glass Orchard",
          "Last Light", "The Long Field", "Copper Sky", "Winter Bees", "The Red Door",
          "Tidewater", "Small Hours", "North of Nowhere", "Open Water", "The Lantern Room",
          "Blue Meridian", "Iron Garden", "Slow River", "The Far Shore", "Echo Valley",
        ])
      case .clothesShopping:
        let adjectives = ["Linen", "Wool", "Denim", "Cotton", "Velvet"]
        let garments = ["Shirt", "Jacket", "Scarf", "Trousers", "Dress"]
        return cycle(adjectives.flatMap { a in garments.map { "\(a) \($0)" } })
      }
    }

    /// 0 → "A", 25 → "Z", 26 → "AA", … (spreadsheet column letters).
    static func letters(_ index: Int) -> String {
      var n = index + 1, out = ""
      while n > 0 {
        let r = (n - 1) % 26
        out = String(UnicodeScalar(UInt8(65 + r))) + out
        n = (n - 1) / 26
      }
      return out
    }
  }

  /// The reward distribution family and difficulty of a multi-armed task.
  public enum Family: Sendable, Hashable {
    /// Bernoulli arms: one at 0.5 + Δ/2, the rest at 0.5 − Δ/2.
    case bernoulli(gap: Double)
    /// Gaussian arms: means drawn from N(0, σ²), rewards N(μᵢ, σ²).
    case gaussian(sigma: Double)
  }

  /// Easy or hard, as the benchmark labels its instances.
  public enum Difficulty: String, Sendable, Hashable, CaseIterable {
    /// Δ = 0.5 (Bernoulli) or σ = 1 (Gaussian).
    case easy
    /// Δ = 0.2 (Bernoulli) or σ = 3 (Gaussian).
    case hard
  }

  /// One multi-armed task configuration.
  public struct Configuration: Sendable, Hashable {
    /// The number of arms K.
    public var arms: Int
    /// Bernoulli (`true`) or Gaussian arms.
    public var bernoulli: Bool
    /// Easy or hard.
    public var difficulty: Difficulty
    /// The verbal framing.
    public var scenario: Scenario
    /// Pulls per episode (1,000 in the benchmark).
    public var horizon: Int

    /// A configuration.
    public init(arms: Int, bernoulli: Bool, difficulty: Difficulty, scenario: Scenario = .buttonPushing, horizon: Int = 1_000) {
      self.arms = arms
      self.bernoulli = bernoulli
      self.difficulty = difficulty
      self.scenario = scenario
      self.horizon = horizon
    }

    /// The reward family this configuration implies.
    public var family: Family {
      switch (bernoulli, difficulty) {
      case (true, .easy): .bernoulli(gap: 0.5)
      case (true, .hard): .bernoulli(gap: 0.2)
      case (false, .easy): .gaussian(sigma: 1)
      case (false, .hard): .gaussian(sigma: 3)
      }
    }

    /// A short name such as `Bernoulli-20-Hard`.
    public var name: String { "\(bernoulli ? "Bernoulli" : "Gaussian")-\(arms)-\(difficulty == .easy ? "Easy" : "Hard")" }
  }

  /// Every multi-armed configuration of the benchmark: K ∈ {5, 20} × {Bernoulli, Gaussian} ×
  /// {easy, hard}, in the ButtonPushing scenario.
  public static let configurations: [Configuration] = [5, 20].flatMap { k in
    [true, false].flatMap { bern in Difficulty.allCases.map { Configuration(arms: k, bernoulli: bern, difficulty: $0) } }
  }

  /// The HardCore subset: 20 Bernoulli hard arms in VideoWatching and ClothesShopping.
  public static let hardCore: [Configuration] = [Scenario.videoWatching, .clothesShopping].map {
    Configuration(arms: 20, bernoulli: true, difficulty: .hard, scenario: $0)
  }
}
