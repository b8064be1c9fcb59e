import GymCore

/// BanditBench's contextual task, rebuilt on synthetic data: recommend one of the K most
/// popular movies to a user described by low-rank features, with the rating as the reward.
///
/// The benchmark factors the MovieLens rating matrix with a rank-10 SVD, takes the top-K movies
/// as arms, uses a user's factors as the context and the reconstructed rating as the reward,
/// choosing the movies on training users and evaluating on held-out users. MovieLens is not
/// redistributed, so a seeded (or first) reset generates a rating model of the same form:
/// movie m has a bias bₘ = 3.5 + 0.5·N(0, 1) and factors vₘ ~ N(0, I) in ℝʳ, a user has factors
/// u ~ N(0, I/r), and the rating is bₘ + u·vₘ. The arms are the K movies with the highest mean
/// rating over `trainUsers` users; every pull serves a user drawn uniformly from `evalUsers`
/// held-out users.
///
/// The observation is the disjoint-model feature matrix: every arm's row is (1, u), so
/// E[r ∣ a] = θₐ·(1, u) with θₐ = (bₐ, vₐ). The regret of a pull is the best arm's rating for
/// this user minus the chosen arm's rating. Rewards add N(0, σ²) noise (σ = 0: the
/// reconstructed rating itself, as in the benchmark).
public struct BanditBenchRecommendation: ContextualBanditEnvironment, Sendable {
  public typealias Observation = [Float]

  /// The number of arms K.
  public let armCount: Int
  /// The rank r of the rating model.
  public let rank: Int
  /// Movies in the catalogue, from which the top K become the arms.
  public let movies: Int
  /// Users the arms are chosen on.
  public let trainUsers: Int
  /// Held-out users the task is played on.
  public let evalUsers: Int
  /// The reward noise's standard deviation σ.
  public let noise: Double
  /// Pulls per episode.
  public let horizon: Int
  /// The generator of instances, users and noise.
  public var rng: GymRandom
  /// The arms' parameters θₐ = (bₐ, vₐ), K×(r+1) row-major.
  public private(set) var armParameters: [Double]
  /// The held-out users' factors, evalUsers×r row-major.
  public private(set) var userFactors: [Double]
  @usableFromInline var features: [Float]
  @usableFromInline var ratings: [Double]
  @usableFromInline var best = 0
  @usableFromInline var _time = 0
  @usableFromInline var started = false

  public let observationSpace: Box<[Float]>
  public let actionSpace: Discrete

  /// A recommendation task.
  /// - Precondition: `2 <= arms <= movies`, `rank > 0`, users > 0, `noise >= 0`, `horizon > 0`.
  public init(arms: Int = 10, rank: Int = 10, movies: Int = 100, trainUsers: Int = 200, evalUsers: Int = 100, noise: Double = 0, horizon: Int = 1_000, seed: UInt64? = nil) {
    precondition(arms >= 2 && arms <= movies, "choose between 2 and `movies` arms")
    precondition(rank > 0 && trainUsers > 0 && evalUsers > 0, "rank and user counts must be positive")
    precondition(noise >= 0 && horizon > 0, "noise must be non-negative and the horizon positive")
    armCount = arms
    self.rank = rank
    self.movies = movies
    self.trainUsers = trainUsers
    self.evalUsers = evalUsers
    self.noise = noise
    self.horizon = horizon
    rng = seed.map(GymRandom.init(seed:)) ?? .entropy()
    armParameters = Array(repeating: 0, count: arms * (rank + 1))
    userFactors = Array(repeating: 0, count: evalUsers * rank)
    features = Array(repeating: 0, count: arms * (rank + 1))
    ratings = Array(repeating: 0, count: arms)
    observationSpace = Box(low: -.infinity, high: .infinity, shape: [arms, rank + 1])
    actionSpace = Discrete(arms)
  }

  public var featureDimension: Int { rank + 1 }
  public var isDisjoint: Bool { true }
  public var time: Int { _time }
  public var currentObservation: [Float] { features }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<[Float]> {
    try BanditOptions.rejectResetOptions(options, for: "BanditBenchRecommendation")
    if let seed { rng = GymRandom(seed: seed) }
    if seed != nil || !started { drawInstance() }
    drawUser()
    _time = 0
    started = true
    return (features, [:])
  }

  mutating func drawInstance() {
    let r = rank, d = rank + 1
    var catalogue = [Double](repeating: 0, count: movies * d)
    for m in 0..<movies {
      catalogue[m * d] = 3.5 + 0.5 * rng.normal()
      for j in 0..<r { catalogue[m * d + 1 + j] = rng.normal() }
    }
    let userScale = 1 / Double(r).squareRoot()
    var meanUser = [Double](repeating: 0, count: r)
    for _ in 0..<trainUsers { for j in 0..<r { meanUser[j] += userScale * rng.normal() / Double(trainUsers) } }
    let popularity = (0..<movies).map { m in catalogue[m * d] + (0..<r).reduce(0.0) { $0 + meanUser[$1] * catalogue[m * d + 1 + $1] } }
    let top = (0..<movies).sorted { popularity[$0] > popularity[$1] || (popularity[$0] == popularity[$1] && $0 < $1) }.prefix(armCount)
    for (a, m) in top.enumerated() { for j in 0..<d { armParameters[a * d + j] = catalogue[m * d + j] } }
    for i in 0..<(evalUsers * r) { userFactors[i] = userScale * rng.normal() }
  }

  mutating func drawUser() {
    let r = rank, d = rank + 1
    let user = rng.int(below: evalUsers)
    for a in 0..<armCount {
      features[a * d] = 1
      for j in 0..<r { features[a * d + 1 + j] = Float(userFactors[user * r + j]) }
    }
    best = 0
    for a in 0..<armCount {
      var rating = armParameters[a * d]
      for j in 0..<r { rating += armParameters[a * d + 1 + j] * Double(features[a * d + 1 + j]) }
      ratings[a] = rating
      if rating > ratings[best] { best = a }
    }
  }

  public mutating func pull(_ arm: Int) -> BanditFeedback {
    checkPull(arm, armCount: armCount, time: _time, horizon: horizon, started: started)
    _time += 1
    let rating = ratings[arm]
    let feedback = BanditFeedback(reward: noise > 0 ? rating + noise * rng.normal() : rating, expectedReward: rating, regret: ratings[best] - rating, optimalArm: best)
    drawUser()
    return feedback
  }
}

extension BanditBenchRecommendation {
  /// From construction options: `arms`, `rank`, `movies`, `train_users`, `eval_users`,
  /// `noise` and `horizon`.
  public init(options: Options) throws {
    let o = try BanditOptions(options, for: "BanditBenchRecommendation", allowed: ["arms", "rank", "movies", "train_users", "eval_users", "noise", "horizon"])
    let movies = try o.int("movies", default: 100, in: 2...1_000_000)
    self.init(
      arms: try o.int("arms", default: 10, in: 2...movies), rank: try o.int("rank", default: 10, in: 1...1_000), movies: movies,
      trainUsers: try o.int("train_users", default: 200, in: 1...10_000_000), evalUsers: try o.int("eval_users", default: 100, in: 1...10_000_000),
      noise: try o.double("noise", default: 0, in: 0...1e6), horizon: try o.int("horizon", default: 1_000, in: 1...Int.max))
  }
}
