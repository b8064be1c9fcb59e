/// The kinds of value phrase a template can hold, e.g. `{extent}` in "open the drawer {extent}".
public enum ValueSlot: String, Sendable, Hashable, CaseIterable {
  /// How far along a motion: "to 30%", "halfway", "about a third of the way", "to 45 degrees".
  case extent
  /// A level or share: "30%", "half", "a third", "two thirds", "all" ("pour half of the balls").
  case level
  /// An angle: "45 degrees", "a quarter turn", "a right angle".
  case angle
  /// A height: "20 cm", "20 centimetres", "a quarter of a metre".
  case height
}

/// One word pattern in a value phrase.
public enum PhraseElement: Sendable, Hashable {
  /// A fixed word.
  case word(String)
  /// A number in spoken units (`30` in "30%").
  case number
}

/// A way to say a value: words with at most one number, and what they mean.
public struct ValuePhrase: Sendable, Hashable {
  /// What the phrase's words mean.
  public enum Meaning: Sendable, Hashable {
    /// The number in the phrase, in the quantity's spoken unit (30 → 30%).
    case number
    /// A fixed fraction of the quantity's full scale ("halfway" = 0.5 × full).
    case fractionOfFull(Double)
    /// A fixed value in spoken units ("a quarter turn" = 90 degrees).
    case spoken(Double)
  }

  /// The words.
  public let elements: [PhraseElement]
  /// Their meaning.
  public let meaning: Meaning

  /// A phrase from space-separated words; `#` stands for the number.
  public init(_ pattern: String, _ meaning: Meaning) {
    elements = pattern.split(separator: " ").map { $0 == "#" ? .number : .word(String($0)) }
    self.meaning = meaning
    precondition(elements.contains(.number) == (meaning == .number), "a phrase has a number exactly when its meaning is .number")
  }

  /// The value (SI) the phrase names for `quantity`; `number` is the spoken number, if any.
  public func value(for quantity: Quantity, number: Double?) -> Double {
    switch meaning {
    case .number: return quantity.si(number ?? 0)
    case .fractionOfFull(let f): return f * quantity.fullScale
    case .spoken(let v): return quantity.si(v)
    }
  }

  /// The words that say `value` (SI) with this phrase, or `nil` when it cannot say it exactly.
  /// Numbers are said as whole numbers of the spoken unit.
  public func words(for value: Double, quantity: Quantity) -> [String]? {
    let number: Int?
    switch meaning {
    case .number:
      let spoken = quantity.spoken(value)
      let rounded = spoken.rounded()
      guard abs(spoken - rounded) < 1e-6, quantity.spokenRange.contains(rounded) else { return nil }
      number = Int(rounded)
    case .fractionOfFull, .spoken:
      guard abs(self.value(for: quantity, number: nil) - value) < 1e-9 else { return nil }
      number = nil
    }
    return elements.map {
      switch $0 {
      case .word(let w): return w
      case .number: return String(number!)
      }
    }
  }
}

// MARK: - The phrase tables

extension InstructionGrammar {
  /// Named fractions with the words that say them.
  static let namedFractions: [(words: String, value: Double)] = [
    ("a quarter", 0.25), ("a third", 1.0 / 3), ("two thirds", 2.0 / 3), ("three quarters", 0.75),
  ]
  /// Words that hedge a named value without changing it ("about a third of the way").
  static let hedges = ["about", "roughly", "approximately"]

  /// Every phrase a slot accepts for a quantity.
  public static func phrases(_ slot: ValueSlot, _ quantity: Quantity) -> [ValuePhrase] {
    switch (slot, quantity) {
    case (.extent, .openness):
      return ["to # %", "to # percent", "to # per cent"].map { ValuePhrase($0, .number) } + namedExtents
    case (.extent, .doorAngle):
      return [ValuePhrase("to # degrees", .number)] + namedExtents
    case (.level, .openness):
      return percentNumbers + namedLevels + [ValuePhrase("halfway", .fractionOfFull(0.5)), ValuePhrase("fully", .fractionOfFull(1))]
    case (.level, .amount):
      return percentNumbers + namedLevels + [ValuePhrase("all", .fractionOfFull(1))]
    case (.level, .doorAngle):
      return [ValuePhrase("# degrees", .number)] + namedLevels + [ValuePhrase("halfway", .fractionOfFull(0.5)), ValuePhrase("fully", .fractionOfFull(1))]
    case (.angle, .rotation):
      return [ValuePhrase("# degrees", .number)] + [
        ("an eighth of a turn", 45.0), ("a sixth of a turn", 60), ("a quarter turn", 90), ("a quarter of a turn", 90),
        ("a right angle", 90), ("a third of a turn", 120), ("half a turn", 180), ("a half turn", 180),
      ].map { ValuePhrase($0.0, .spoken($0.1)) }
    case (.angle, .doorAngle):
      return [ValuePhrase("# degrees", .number), ValuePhrase("a right angle", .spoken(90)), ValuePhrase("half a right angle", .spoken(45))]
    case (.height, .height):
      var out = ["# cm", "# centimeters", "# centimetres"].map { ValuePhrase($0, .number) }
      for metre in ["meter", "metre"] {
        out += [("a tenth of a", 10.0), ("a fifth of a", 20), ("a quarter of a", 25), ("a third of a", 100.0 / 3), ("half a", 50)]
          .map { ValuePhrase("\($0.0) \(metre)", .spoken($0.1)) }
      }
      return out
    default:
      return []
    }
  }

  static let percentNumbers = ["# %", "# percent", "# per cent"].map { ValuePhrase($0, .number) }

  static let namedExtents: [ValuePhrase] = {
    var out = [ValuePhrase("halfway", .fractionOfFull(0.5)), ValuePhrase("half way", .fractionOfFull(0.5)),
               ValuePhrase("all the way", .fractionOfFull(1)), ValuePhrase("fully", .fractionOfFull(1))]
    for (words, f) in namedFractions {
      out.append(ValuePhrase("\(words) of the way", .fractionOfFull(f)))
      for h in hedges { out.append(ValuePhrase("\(h) \(words) of the way", .fractionOfFull(f))) }
    }
    return out
  }()

  static let namedLevels: [ValuePhrase] = {
    var out = [ValuePhrase("half", .fractionOfFull(0.5))]
    for h in hedges { out.append(ValuePhrase("\(h) half", .fractionOfFull(0.5))) }
    for (words, f) in namedFractions {
      out.append(ValuePhrase(words, .fractionOfFull(f)))
      for h in hedges { out.append(ValuePhrase("\(h) \(words)", .fractionOfFull(f))) }
    }
    return out
  }()
}
