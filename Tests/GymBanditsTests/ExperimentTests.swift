import GymBanditAgents
import GymBandits
import GymCore
import Testing

/// A figure from `research/bandits.md` §6: mean ± standard error over `runs` runs.
struct Reference: Sendable, CustomStringConvertible {
  var mean: Double
  var standardError: Double
  var runs: Int
  var description: String { "\(mean) ± \(standardError) (\(runs) runs)" }
}

/// |ours − reference| in units of the combined standard error √(se_ours² + se_ref²).
func zScore(_ mean: Double, _ se: Double, _ reference: Reference) -> Double {
  abs(mean - reference.mean) / (se * se + reference.standardError * reference.standardError).squareRoot()
}

/// The research note's §6.1 row for the 9-arm Bernoulli instance (T = 10,000, 200 runs).
enum Bernoulli9 {
  static let final: [String: Reference] = [
    "ucb1": Reference(mean: 329.3, standardError: 1.8, runs: 200),
    "kl-ucb": Reference(mean: 58.0, standardError: 0.9, runs: 200),
    "thompson": Reference(mean: 42.4, standardError: 0.9, runs: 200),
    "eps-greedy": Reference(mean: 432.5, standardError: 4.1, runs: 200),
    "exp3": Reference(mean: 726.9, standardError: 5.8, runs: 200),
  ]
  /// Mean regret at t = 1,519 (the note gives no standard error there).
  static let at1519: [String: Double] = ["ucb1": 162.6, "kl-ucb": 38.4, "thompson": 32.2]
}

func experiment(_ env: String, _ algorithm: String, runs: Int, horizon: Int? = nil, options: Options = [:], seed: UInt64 = 0, threads: Int = 2) throws -> ExperimentResult {
  var o = options
  if let horizon { o["horizon"] = .int(horizon) }
  return try BanditExperiment.run(
    environment: env, algorithm: AlgorithmSpec(parsing: algorithm), options: o,
    configuration: ExperimentConfiguration(runs: runs, seed: seed, threads: threads))
}

/// Reduced statistical checks: fewer runs or shorter horizons, with bands that fail when an
/// algorithm is wrong. The full-size versions are `FullStatisticalTests` (release builds).
@Suite("Bandit experiments (reduced)")
struct ExperimentTests {
  /// UCB1, KL-UCB and Thompson sampling at t = 1,519 with 100 runs. The note's intermediate
  /// means come without a standard error; it is taken as ours scaled to its 200 runs, so the
  /// band is 3·se·√(1 + 100/200).
  @Test(arguments: ["ucb1", "kl-ucb", "thompson"])
  func bernoulli9EarlyRegretMatchesTheNote(algorithm: String) throws {
    let r = try experiment("Bernoulli-9", algorithm, runs: 100, horizon: 1_519, seed: 1)
    let reference = try #require(Bernoulli9.at1519[algorithm])
    let band = 3 * r.finalStandardError * (1.0 + 100.0 / 200).squareRoot()
    #expect(abs(r.meanFinalRegret - reference) < band, "\(algorithm): \(r.meanFinalRegret) ± \(r.finalStandardError) vs \(reference)")
  }

  /// ε-greedy (0.1) and EXP3 at the full horizon with 40 runs: within 3 combined standard errors.
  @Test(arguments: ["eps-greedy", "exp3"])
  func bernoulli9LinearRegretAlgorithmsMatchTheNote(algorithm: String) throws {
    let r = try experiment("Bernoulli-9", algorithm, runs: 40, seed: 1)
    let reference = try #require(Bernoulli9.final[algorithm])
    #expect(zScore(r.meanFinalRegret, r.finalStandardError, reference) < 3, "\(algorithm): \(r.meanFinalRegret) ± \(r.finalStandardError) vs \(reference)")
  }

  /// Successive Rejects on the "one group of bad arms" instance (20 arms, n = 2,000) with 500
  /// runs, using the note's NumPy tie rule: within 3 combined standard errors of 0.215.
  @Test func successiveRejectsErrorRateMatchesTheNote() throws {
    let r = try experiment("BAI-OneGroup-20", "successive-rejects:lowest=1", runs: 500, seed: 1)
    let error = try #require(r.errorRate), se = try #require(r.errorRateStandardError)
    #expect(zScore(error, se, Reference(mean: 0.215, standardError: 0.0058, runs: 5_000)) < 3, "error rate \(error) ± \(se)")
    // Random tie-breaking is never worse than sacrificing the lowest index.
    let random = try experiment("BAI-OneGroup-20", "successive-rejects", runs: 500, seed: 1)
    #expect(random.errorRate! <= error + 3 * se)
  }

  /// BanditBench's diagnostics on 5 arms (0.6, 0.4×4, best first), T = 1,000, 200 runs, against
  /// the note's §6.4 table (500 runs): bands of 3 binomial or sample standard errors.
  @Test func banditBenchDiagnosticsMatchTheNote() throws {
    let o: Options = ["shuffle": false]
    let ucb = try experiment("BanditBench-Bernoulli-5-Hard", "ucb1", runs: 200, options: o)
    #expect(ucb.suffixFailureFrequency(from: 500) == 0)
    #expect(abs(ucb.meanMinFraction - 0.41) < 0.03)
    #expect(zScore(ucb.meanFinalRegret, ucb.finalStandardError, Reference(mean: 87.9, standardError: 0.6, runs: 500)) < 3)
    let ts = try experiment("BanditBench-Bernoulli-5-Hard", "thompson", runs: 200, options: o)
    #expect(ts.suffixFailureFrequency(from: 500) == 0)
    #expect(abs(ts.meanMinFraction - 0.09) < 0.03)
    let greedy = try experiment("BanditBench-Bernoulli-5-Hard", "greedy", runs: 200, options: o)
    let suff = try #require(greedy.suffixFailureFrequency(from: 500))
    #expect(abs(suff - 0.436) < 3 * (0.436 * 0.564 / 200).squareRoot(), "greedy SuffFail \(suff)")
    #expect(greedy.meanMinFraction < 0.02)
    let uniform = try experiment("BanditBench-Bernoulli-5-Hard", "uniform", runs: 200, options: o)
    #expect(abs(uniform.meanMinFraction - 0.92) < 0.02)
    // E[regret] = T × mean gap = 1,000 × 0.16 exactly.
    #expect(abs(uniform.meanFinalRegret - 160) < 3 * uniform.finalStandardError)
  }

  /// DynLin-UCB on the paper's system: every run ends on the best constant action (1, 0.5, 0),
  /// and the regret grows sub-linearly (fitted exponent < 0.8 over 10⁴ steps); 6 runs here.
  @Test func dynLinUCBConvergesToTheBestConstantAction() throws {
    var late = 0, total = 0
    for seed in 0..<6 as Range<UInt64> {
      var env = DynamicalLinearBandit.reference(horizon: 10_000)
      _ = try env.reset(seed: seed)
      var p = DynLinUCB(armCount: env.armCount, dimension: env.featureDimension)
      for t in 0..<10_000 {
        let a = p.act(env.currentObservation)
        p.update(arm: a, reward: env.pull(a).reward)
        if t >= 9_000 {
          total += 1
          if a == env.bestAction { late += 1 }
        }
      }
      #expect(Array(env.actions[(env.bestAction * 3)..<(env.bestAction * 3 + 3)]) == [1, 0.5, 0])
    }
    #expect(Double(late) / Double(total) > 0.99, "best action in \(late) of the last \(total) pulls")
    let r = try experiment("DynamicalLinear", "dynlin-ucb", runs: 6)
    let exponent = try #require(r.fittedExponent(from: 100))
    #expect(exponent < 0.8, "fitted exponent \(exponent)")
  }

  /// A myopic learner is lured to the channel that pays immediately (§3.1): LinUCB's regret
  /// grows linearly on the dynamical system.
  @Test func linUCBIsLuredByTheImmediateReward() throws {
    let r = try experiment("DynamicalLinear", "linucb", runs: 4, horizon: 4_000)
    #expect(r.fittedExponent(from: 400)! > 0.9)
  }

  @Test func resultsDoNotDependOnTheThreadCount() throws {
    for algorithm in ["ucb1", "thompson", "exp3", "lints"] {
      let env = algorithm == "lints" ? "Linear-10" : "Bernoulli-9"
      let one = try experiment(env, algorithm, runs: 7, horizon: 300, seed: 5, threads: 1)
      let three = try experiment(env, algorithm, runs: 7, horizon: 300, seed: 5, threads: 3)
      #expect(one.finalRegret == three.finalRegret, "\(algorithm)")
      #expect(one.meanRegret == three.meanRegret)
      let other = try experiment(env, algorithm, runs: 7, horizon: 300, seed: 6, threads: 1)
      #expect(one.finalRegret != other.finalRegret)
    }
  }

  @Test func metricsFollowTheirDefinitions() {
    let r = ExperimentResult(
      algorithm: "x", environment: "y", runs: 4, horizon: 10, armCount: 2, checkpoints: [5, 10], meanRegret: [1, 2],
      standardError: [0, 0], finalRegret: [2, 2, 2, 2], optimalArms: [1, 1, 1, 1], lastOptimalPull: [0, 4, 5, 10],
      minFraction: [0, 0.2, 0.4, 1], recommendations: [1, 0, 1, 1], seconds: 0)
    // Never pulled the optimal arm in rounds 5…10: the runs whose last optimal pull is before 5.
    #expect(r.suffixFailureFrequency(from: 5) == 0.5)
    #expect(r.suffixFailureFrequency(from: 1) == 0.25)
    #expect(abs(r.meanMinFraction - 0.4) < 1e-15)
    #expect(r.errorRate == 0.25)
    #expect(r.regret(at: 5)! == (1, 0))
    #expect(BanditExperiment.curveGrid(horizon: 8, points: 500) == Array(1...8))
    let grid = BanditExperiment.curveGrid(horizon: 10_000, points: 500)
    #expect(grid.last == 10_000 && grid.contains(123) && grid.contains(1_519) && grid.contains(5_336) && grid.first == 1)
  }

  @Test func fittedExponentRecoversAPowerLaw() {
    let grid = BanditExperiment.curveGrid(horizon: 10_000, points: 200)
    let r = ExperimentResult(
      algorithm: "x", environment: "y", runs: 1, horizon: 10_000, armCount: 2, checkpoints: grid,
      meanRegret: grid.map { 3 * Double.pow(Double($0), 0.5) }, standardError: grid.map { _ in 0 }, finalRegret: [0],
      optimalArms: [-1], lastOptimalPull: [0], minFraction: [0], recommendations: nil, seconds: 0)
    #expect(abs(r.fittedExponent(from: 10)! - 0.5) < 1e-9)
    #expect(r.suffixFailureFrequency(from: 5) == nil)
  }

  @Test func badAlgorithmSpecsSayWhatIsAllowed() throws {
    func message(_ text: String) -> String {
      do {
        _ = try AlgorithmSpec(parsing: text)
        return ""
      } catch { return "\(error)" }
    }
    #expect(message("ucb2").contains("available: ucb1, kl-ucb"))
    #expect(message("ucb1:beta=2").contains("allowed: alpha"))
    #expect(message("eps-greedy:epsilon=1.5").contains("in [0.0, 1.0]"))
    #expect(message("eps-greedy:epsilon=abc").contains("must be a number"))
    #expect(message("wtb-se:memory=2.5").contains("whole number"))
    #expect(message("linucb:alpha").contains("key=value"))
    #expect(try AlgorithmSpec(parsing: "linucb:lambda=2:alpha=0.5").description == "linucb:alpha=0.5:lambda=2")
    #expect(throws: OptionError.self) { try experiment("Bernoulli-9", "linucb", runs: 1, horizon: 10) }
  }
}

#if !DEBUG
  /// The acceptance checks at full size: 200 runs × 10⁴ pulls per algorithm, 5,000 runs for
  /// Successive Rejects, 50 for DynLin-UCB. Compiled only in release builds
  /// (`swift test -c release -Xswiftc -enable-testing --filter FullStatisticalTests`); debug runs use the reduced suite.
  @Suite("Bandit experiments (full size, release only)")
  struct FullStatisticalTests {
    @Test(arguments: ["ucb1", "kl-ucb", "thompson", "eps-greedy", "exp3"])
    func bernoulli9MatchesTheNote(algorithm: String) throws {
      let r = try experiment("Bernoulli-9", algorithm, runs: 200)
      let reference = try #require(Bernoulli9.final[algorithm])
      let z = zScore(r.meanFinalRegret, r.finalStandardError, reference)
      #expect(z < 3, "\(algorithm): \(r.meanFinalRegret) ± \(r.finalStandardError) vs \(reference), z = \(z)")
    }

    @Test(arguments: [("BAI-OneGroup-20", 2_000, 0.215), ("BAI-OneGroup-20", 4_000, 0.047), ("BAI-5", 500, 0.005)])
    func successiveRejectsMatchesTheNote(env: String, budget: Int, reference: Double) throws {
      let r = try experiment(env, "successive-rejects:lowest=1", runs: 5_000, horizon: budget)
      let error = try #require(r.errorRate), se = try #require(r.errorRateStandardError)
      let refSE = (reference * (1 - reference) / 5_000).squareRoot()
      #expect(zScore(error, se, Reference(mean: reference, standardError: refSE, runs: 5_000)) < 3, "\(env) n = \(budget): \(error) ± \(se)")
    }

    @Test func dynLinUCBIsSublinearOverFiftyRuns() throws {
      let r = try experiment("DynamicalLinear", "dynlin-ucb", runs: 50)
      #expect(r.fittedExponent(from: 100)! < 0.8)
      // Holding (1, 0.5, 0) at the end: almost no regret is added in the last tenth.
      let k = r.checkpoints.firstIndex(of: 9_000)!
      #expect(r.meanFinalRegret - r.meanRegret[k] < 0.01 * 1_000)
    }

    @Test(arguments: [("linucb", Reference(mean: 11.5, standardError: 0.25, runs: 50)), ("lints", Reference(mean: 7.0, standardError: 0.22, runs: 50))])
    func linearBanditMatchesTheNote(algorithm: String, reference: Reference) throws {
      let r = try experiment("Linear-10", algorithm, runs: 50)
      #expect(zScore(r.meanFinalRegret, r.finalStandardError, reference) < 3, "\(algorithm): \(r.meanFinalRegret) ± \(r.finalStandardError)")
    }
  }
#endif
