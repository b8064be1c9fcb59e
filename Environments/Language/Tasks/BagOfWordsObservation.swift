import GymCore

/// A language task's observation as one flat vector an MLP policy can read: the 16 state
/// numbers, then a bag of words of the instruction, then the magnitude of the numeral it says.
///
/// The bag has one count per word of the grammar (the vocabulary without `<pad>`, `<unk>` and
/// the numbers): "open the drawer halfway" and "pull the drawer half open" share their words.
/// Numerals are not given one slot each (a value never seen in training would be a word never
/// seen): the last coordinate is the numeral's value / 100, 0 when the instruction says none.
/// This is the goal-conditioned PPO baseline's input (`observation: "bag_of_words"`).
public struct BagOfWordsObservation<Base: Environment>: Wrapper, Sendable
where Base.Observation == LanguageObservation, Base: Sendable {
  public typealias Observation = [Float]
  public typealias Action = Base.Action
  public typealias ObservationSpace = Box<[Float]>
  public typealias ActionSpace = Base.ActionSpace
  public typealias Reward = Base.Reward

  /// The wrapped language task.
  public var base: Base
  public let observationSpace: Box<[Float]>

  /// The grammar words of the vocabulary, in id order: ids 2 ..< 2 + `wordCount`.
  public static var wordCount: Int {
    InstructionGrammar.vocabulary.count - 2 - (InstructionGrammar.largestNumberWord + 1)
  }
  /// Length of the flat observation: 16 state numbers, the bag, the numeral.
  public static var dimension: Int { 16 + wordCount + 1 }

  /// Wraps `base`.
  public init(_ base: Base) {
    self.base = base
    let bound = Double(LanguageObservationSpace.bound)
    let words = Double(InstructionGrammar.maxInstructionWords)
    let numeral = Double(InstructionGrammar.largestNumberWord) / 100
    observationSpace = Box(
      low: Array(repeating: -bound, count: 16) + Array(repeating: 0, count: Self.wordCount + 1),
      high: Array(repeating: bound, count: 16) + Array(repeating: words, count: Self.wordCount) + [numeral])
  }

  public var actionSpace: ActionSpace { base.actionSpace }

  /// The flat vector of `observation`.
  public static func features(_ observation: LanguageObservation) -> [Float] {
    var out = [Float](repeating: 0, count: dimension)
    for i in 0..<16 { out[i] = observation.state[i] }
    let firstNumber = 2 + wordCount
    for id in observation.instruction.tokens where id >= 2 {
      let k = Int(id)
      if k < firstNumber {
        out[16 + k - 2] += 1
      } else {
        out[dimension - 1] = Float(k - firstNumber) / 100
      }
    }
    return out
  }

  public mutating func reset(seed: UInt64?, options: Options) throws -> ResetResult<[Float]> {
    let (observation, info) = try base.reset(seed: seed, options: options)
    return (Self.features(observation), info)
  }

  public mutating func step(_ action: Action) -> StepResult<[Float], Reward> {
    let r = base.step(action)
    return (Self.features(r.observation), r.reward, r.terminated, r.truncated, r.info)
  }
}

extension BagOfWordsObservation: RenderableEnvironment where Base: RenderableEnvironment {}
extension BagOfWordsObservation: TextRenderableEnvironment where Base: TextRenderableEnvironment {}
