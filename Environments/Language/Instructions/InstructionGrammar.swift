/// One element of an instruction template.
public enum TemplateElement: Sendable, Hashable {
  /// A fixed word.
  case word(String)
  /// The object's noun (`block`, `cup`), one of the task's nouns.
  case object
  /// A value phrase.
  case slot(ValueSlot)
}

/// A sentence pattern for one task, such as `lift the {object} to {height}`.
public struct InstructionTemplate: Sendable, Hashable {
  /// The task the template instructs.
  public let task: LanguageTaskKind
  /// The pattern as written: words, `{object}`, and one value slot in braces.
  public let pattern: String
  /// The parsed pattern.
  public let elements: [TemplateElement]

  /// A template from a pattern; braces name `object` or a `ValueSlot`.
  /// - Precondition: the pattern has exactly one value slot, and the slot has phrases for the
  ///   task's quantity (templates are written in this file, not read from users).
  public init(_ task: LanguageTaskKind, _ pattern: String) {
    self.task = task
    self.pattern = pattern
    elements = pattern.split(separator: " ").map { part -> TemplateElement in
      guard part.hasPrefix("{"), part.hasSuffix("}") else { return .word(String(part)) }
      let name = String(part.dropFirst().dropLast())
      if name == "object" { return .object }
      guard let slot = ValueSlot(rawValue: name) else { preconditionFailure("unknown slot {\(name)} in template '\(pattern)'") }
      return .slot(slot)
    }
    precondition(slot.map { !InstructionGrammar.phrases($0, task.quantity).isEmpty } ?? false,
                 "template '\(pattern)' needs one value slot that can say \(task.quantity)")
  }

  /// The template's value slot.
  public var slot: ValueSlot? {
    for case .slot(let s) in elements { return s }
    return nil
  }

  /// Whether the template names the object.
  public var namesObject: Bool { elements.contains(.object) }

  /// Every instruction this template can say for `object` and `value` (SI), one per value phrase
  /// that says `value` exactly; empty when none does.
  public func renderings(object: String, value: Double) -> [String] {
    guard let slot else { return [] }
    return InstructionGrammar.phrases(slot, task.quantity).compactMap { phrase in
      phrase.words(for: value, quantity: task.quantity).map { render(object: object, valueWords: $0) }
    }
  }

  /// The instruction with the slot filled by `valueWords` (a number followed by `%` is joined:
  /// `30%`).
  public func render(object: String, valueWords: [String]) -> String {
    var words: [String] = []
    for e in elements {
      switch e {
      case .word(let w): words.append(w)
      case .object: words.append(object)
      case .slot: words.append(contentsOf: valueWords)
      }
    }
    var text = ""
    for w in words {
      if !text.isEmpty && w != "%" { text += " " }
      text += w
    }
    return text
  }
}

/// The instruction language: templates with paraphrases for every task, the nouns each task
/// names, value phrases, and the fixed vocabulary they span.
public enum InstructionGrammar {
  /// Every template, grouped by task in `LanguageTaskKind.allCases` order.
  public static let templates: [InstructionTemplate] = [
    // Lift (ARNOLD's PickupObject).
    .init(.liftObject, "lift the {object} to {height}"),
    .init(.liftObject, "raise the {object} {height} above the table"),
    .init(.liftObject, "pick up the {object} and hold it {height} above the table"),
    .init(.liftObject, "hold the {object} {height} off the table"),
    .init(.liftObject, "lift the {object} {height} into the air"),
    // Rotate (ReorientObject).
    .init(.rotateObject, "rotate the {object} by {angle}"),
    .init(.rotateObject, "turn the {object} {angle} counterclockwise"),
    .init(.rotateObject, "pick up the {object} and rotate it by {angle}"),
    .init(.rotateObject, "rotate the {object} {angle} to the left"),
    .init(.rotateObject, "twist the {object} by {angle}"),
    // Open drawer.
    .init(.openDrawer, "open the drawer {extent}"),
    .init(.openDrawer, "pull the drawer open {extent}"),
    .init(.openDrawer, "pull out the drawer {extent}"),
    .init(.openDrawer, "open the drawer until it is {level} open"),
    .init(.openDrawer, "slide the drawer out until it is {level} open"),
    // Close drawer.
    .init(.closeDrawer, "close the drawer until it is {level} open"),
    .init(.closeDrawer, "push the drawer in until it is {level} open"),
    .init(.closeDrawer, "close the drawer to {level} open"),
    .init(.closeDrawer, "push the drawer in leaving it {level} open"),
    .init(.closeDrawer, "shut the drawer until only {level} of it is open"),
    // Open door (OpenCabinet).
    .init(.openDoor, "open the door {extent}"),
    .init(.openDoor, "swing the door open {extent}"),
    .init(.openDoor, "open the door by {angle}"),
    .init(.openDoor, "push the door open by {angle}"),
    .init(.openDoor, "open the door until it is {level} open"),
    // Close door (CloseCabinet).
    .init(.closeDoor, "close the door until it is {level} open"),
    .init(.closeDoor, "close the door until it is open by {angle}"),
    .init(.closeDoor, "swing the door shut until it is {level} open"),
    .init(.closeDoor, "push the door closed leaving it open by {angle}"),
    .init(.closeDoor, "close the door to {angle}"),
    // Pour (PourWater).
    .init(.pourBalls, "pour {level} of the balls into the bowl"),
    .init(.pourBalls, "tip {level} of the balls out of the {object} into the bowl"),
    .init(.pourBalls, "empty {level} of the {object} into the bowl"),
    .init(.pourBalls, "fill the bowl with {level} of the balls"),
    .init(.pourBalls, "pour {level} of the {object} into the bowl"),
    // Transfer (TransferWater).
    .init(.transferBalls, "transfer {level} of the balls from the {object} to the other cup"),
    .init(.transferBalls, "pour {level} of the balls from the {object} into the other cup"),
    .init(.transferBalls, "move {level} of the balls from the {object} into the target cup"),
    .init(.transferBalls, "fill the target cup with {level} of the balls from the {object}"),
    .init(.transferBalls, "transfer {level} of the {object} into the other cup"),
  ]

  /// The templates of one task.
  public static func templates(for task: LanguageTaskKind) -> [InstructionTemplate] {
    templates.filter { $0.task == task }
  }

  /// The nouns a task's instructions may name, over every split (novel objects have their own
  /// nouns, which are in the vocabulary but never seen in training).
  public static func nouns(for task: LanguageTaskKind) -> [String] {
    switch task {
    case .liftObject: return ["ball", "bar", "block", "bottle", "box", "brick", "can", "wedge", "nut", "plank"]
    case .rotateObject: return ["bar", "block", "bottle", "box", "brick", "plank", "wedge", "nut", "can"]
    case .openDrawer, .closeDrawer: return ["drawer"]
    case .openDoor, .closeDoor: return ["door"]
    case .pourBalls: return ["cup", "jar", "mug", "beaker", "pot", "bucket"]
    case .transferBalls: return ["cup", "jar", "mug", "beaker", "glass", "tumbler"]
    }
  }

  /// The largest number the vocabulary holds as a word.
  public static let largestNumberWord = 360

  /// The fixed vocabulary of every template, phrase and noun, plus the numbers 0...360.
  public static let vocabulary: Vocabulary = {
    var words = Set<String>()
    for t in templates {
      for case .word(let w) in t.elements { words.insert(w) }
    }
    for task in LanguageTaskKind.allCases {
      words.formUnion(nouns(for: task))
      for slot in ValueSlot.allCases {
        for p in phrases(slot, task.quantity) {
          for case .word(let w) in p.elements { words.insert(w) }
        }
      }
    }
    return Vocabulary(grammarWords: words, numbers: 0...largestNumberWord)
  }()

  /// The most words any instruction has (the token length of observations).
  public static let maxInstructionWords = 20

  /// A random instruction of `task` for `object` that says `value` (SI) exactly, drawn
  /// uniformly over the templates that can say it and then over their phrasings.
  /// - Returns: `nil` when no template can say `value` (e.g. a non-integer percentage).
  public static func instruction(
    for task: LanguageTaskKind, object: String, value: Double, using rng: inout some RandomNumberGenerator
  ) -> String? {
    let options = templates(for: task).map { $0.renderings(object: object, value: value) }.filter { !$0.isEmpty }
    guard !options.isEmpty else { return nil }
    let choice = options[Int.random(in: 0..<options.count, using: &rng)]
    return choice[Int.random(in: 0..<choice.count, using: &rng)]
  }

  /// Spoken values with a name in some template of `task` (e.g. 50 for "halfway"), in SI units.
  public static func namedValues(for task: LanguageTaskKind) -> [Double] {
    var out = Set<Double>()
    for t in templates(for: task) {
      guard let slot = t.slot else { continue }
      for p in phrases(slot, task.quantity) where p.meaning != .number {
        out.insert(p.value(for: task.quantity, number: nil))
      }
    }
    return out.sorted()
  }
}
