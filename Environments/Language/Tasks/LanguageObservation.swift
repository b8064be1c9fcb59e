import GymCore

/// An instruction as an agent sees it: the text and its fixed-length token ids.
public struct EncodedInstruction: Sendable, Hashable {
  /// The instruction text.
  public let text: String
  /// `InstructionGrammar.maxInstructionWords` vocabulary ids, padded with `<pad>`.
  public let tokens: [Int32]

  /// Encodes `text` with the grammar's vocabulary.
  public init(_ text: String) {
    self.text = text
    tokens = InstructionGrammar.vocabulary.encode(text, length: InstructionGrammar.maxInstructionWords)
  }
}

/// What a language task observes: the scene's state vector and the instruction (text and tokens).
///
/// The goal value is not in `state`: an agent must read it from the instruction.
public struct LanguageObservation: Sendable, Hashable {
  /// Layout of `state`, see `LanguageObservationSpace.stateNames`.
  public var state: SIMD16<Float>
  /// The episode's instruction.
  public var instruction: EncodedInstruction

  /// An observation.
  public init(state: SIMD16<Float>, instruction: EncodedInstruction) {
    self.state = state
    self.instruction = instruction
  }
}

/// The space of `LanguageObservation`s: a 16-number state in ±`bound` and an instruction of the
/// grammar's vocabulary. Flattens to the 16 state numbers followed by the token ids.
public struct LanguageObservationSpace: Space, Hashable {
  /// Largest magnitude of a state component.
  public static let bound: Float = 20
  /// What each state component is.
  public static let stateNames = [
    "gripper_x", "gripper_y", "gripper_vx", "gripper_vy", "grasped", "grasp_dx", "grasp_dy",
    "measured", "measured_rate", "angle", "angular_velocity", "target_dx", "target_dy", "fill",
    "table_y", "hold_progress",
  ]
  /// Number of token ids.
  public var tokenCount: Int { InstructionGrammar.maxInstructionWords }

  /// The space.
  public init() {}

  public func sample(using rng: inout some RandomNumberGenerator) -> LanguageObservation {
    var state = SIMD16<Float>()
    for i in 0..<16 { state[i] = Float.random(in: -Self.bound...Self.bound, using: &rng) }
    let task = LanguageTaskKind.allCases.randomElement(using: &rng)!
    let values = LanguageCurriculum.spokenValues(task, split: .train)
    let value = task.quantity.si(Double(values.randomElement(using: &rng)!))
    let noun = InstructionGrammar.nouns(for: task).randomElement(using: &rng)!
    let text = InstructionGrammar.instruction(for: task, object: noun, value: value, using: &rng) ?? ""
    return LanguageObservation(state: state, instruction: EncodedInstruction(text))
  }

  public func contains(_ value: LanguageObservation) -> Bool {
    for i in 0..<16 where !(abs(value.state[i]) <= Self.bound) { return false }
    let tokens = value.instruction.tokens
    guard tokens.count == tokenCount, tokens.allSatisfy({ $0 >= 0 && Int($0) < InstructionGrammar.vocabulary.count }) else { return false }
    return InstructionGrammar.vocabulary.encode(value.instruction.text, length: tokenCount) == tokens
  }

  public var flatDimension: Int { 16 + tokenCount }

  public func flatten(_ value: LanguageObservation, into out: UnsafeMutableBufferPointer<Float>) {
    for i in 0..<16 { out[i] = value.state[i] }
    value.instruction.tokens.withUnsafeBufferPointer { t in
      for i in 0..<tokenCount { out[16 + i] = Float(t[i]) }
    }
  }

  public func unflatten(_ flat: UnsafeBufferPointer<Float>) throws(SpaceError) -> LanguageObservation {
    guard flat.count == flatDimension else {
      throw SpaceError("\(self) flattens to \(flatDimension) numbers, got \(flat.count)")
    }
    var state = SIMD16<Float>()
    for i in 0..<16 { state[i] = flat[i] }
    var ids: [Int32] = []
    for i in 0..<tokenCount {
      let x = flat[16 + i]
      guard x >= 0, x < Float(InstructionGrammar.vocabulary.count), x == x.rounded() else {
        throw SpaceError("\(self): token \(i) is \(x), not a vocabulary id in 0..<\(InstructionGrammar.vocabulary.count)")
      }
      ids.append(Int32(x))
    }
    return LanguageObservation(state: state, instruction: EncodedInstruction(InstructionGrammar.vocabulary.decode(ids)))
  }

  public func encode(_ value: LanguageObservation) -> JSONValue {
    [
      "state": .array((0..<16).map { .double(Double(value.state[$0])) }),
      "instruction": .string(value.instruction.text),
      "tokens": .array(value.instruction.tokens.map { .int(Int($0)) }),
    ]
  }

  public func decode(_ json: JSONValue) throws(SpaceError) -> LanguageObservation {
    guard let numbers = json["state"]?.doubleArray, numbers.count == 16 else {
      throw SpaceError("\(self) expects {\"state\": 16 numbers, \"instruction\": text}")
    }
    guard let text = json["instruction"]?.stringValue else {
      throw SpaceError("\(self) expects an \"instruction\" string")
    }
    var state = SIMD16<Float>()
    for i in 0..<16 { state[i] = Float(numbers[i]) }
    let value = LanguageObservation(state: state, instruction: EncodedInstruction(text))
    guard contains(value) else { throw SpaceError("\(self): state components must lie in ±\(Self.bound)") }
    return value
  }

  public var specification: JSONValue {
    ["type": "LanguageObservation", "state": .array(Self.stateNames.map { .string($0) }),
     "tokens": .int(tokenCount), "vocabulary_size": .int(InstructionGrammar.vocabulary.count)]
  }

  public var description: String { "LanguageObservation(state: 16, tokens: \(tokenCount))" }
}
