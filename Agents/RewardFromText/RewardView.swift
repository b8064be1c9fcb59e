import GymCore

/// The type of a quantity in a reward program: a number, a condition, or a vector of numbers.
///
/// Conditions are stored as 0 or 1 and vectors as consecutive numbers, so every value lives
/// in one or more `Double` registers of the evaluator.
public enum RewardType: Sendable, Hashable, CustomStringConvertible {
  /// A real number.
  case number
  /// A true/false condition.
  case condition
  /// A vector of `n` numbers (`n` ≥ 1).
  case vector(Int)

  /// The number of registers a value of this type takes.
  public var width: Int {
    switch self {
    case .number, .condition: return 1
    case .vector(let n): return n
    }
  }

  public var description: String {
    switch self {
    case .number: return "number"
    case .condition: return "condition"
    case .vector(let n): return "vector of \(n)"
    }
  }
}

/// One named quantity of a reward view.
public struct ViewField: Sendable, Hashable {
  /// Where the quantity comes from.
  public enum Kind: Sendable, Hashable {
    /// Read from the observation after the step; `prev.NAME` reads it before the step.
    case state
    /// Read from the action of the step.
    case action
    /// Set by the evaluator: `terminated`, `truncated`, `step`.
    case event
    /// A fixed value of the environment (a threshold, a flag position).
    case constant([Double])
  }

  /// The name programs use.
  public let name: String
  /// Its type.
  public let type: RewardType
  /// Where it comes from.
  public let kind: Kind
  /// One line for people and prompts, with units.
  public let summary: String

  /// A field.
  public init(_ name: String, _ type: RewardType, _ kind: Kind, _ summary: String) {
    self.name = name
    self.type = type
    self.kind = kind
    self.summary = summary
  }
}

/// A compact, typed view of an environment for reward programs: named quantities (Text2Reward's
/// "abstraction"), how to read them from a flat observation and a flat action, and captions of
/// transitions.
///
/// Views read the *flat* forms of observations and actions (`Space.flatten`: a Box as it is, a
/// Discrete action one-hot), so the same view serves a typed environment and `AnyEnvironment`.
/// State fields are written in declaration order into consecutive registers, vectors taking
/// one register per component; action fields likewise.
public struct RewardView: Sendable {
  /// Reads the state fields from a flat observation into consecutive registers.
  public typealias StateReader = @Sendable (UnsafeBufferPointer<Float>, UnsafeMutablePointer<Double>) -> Void
  /// Reads the action fields from a flat action into consecutive registers.
  public typealias ActionReader = @Sendable (UnsafeBufferPointer<Float>, UnsafeMutablePointer<Double>) -> Void
  /// Captions of one transition, from the registers of the state before and after and the
  /// action registers (in declaration order) and whether the episode terminated.
  public typealias Captioner = @Sendable (_ before: UnsafePointer<Double>, _ after: UnsafePointer<Double>, _ action: UnsafePointer<Double>, _ terminated: Bool) -> [String]

  /// A short name of the environment family, e.g. `CartPole`.
  public let name: String
  /// What the task is, in one sentence (for prompts).
  public let summary: String
  /// The quantities, without the evaluator's events (see `fields`).
  public let declaredFields: [ViewField]
  /// The flat observation length the view reads.
  public let observationLength: Int
  /// The flat action length the view reads.
  public let actionLength: Int
  let readState: StateReader
  let readAction: ActionReader
  let captioner: Captioner?

  /// A view.
  /// - Parameters:
  ///   - name: the family name.
  ///   - summary: the task in one sentence.
  ///   - fields: state, action and constant fields (the events are added).
  ///   - observationLength: the flat observation length `readState` expects.
  ///   - actionLength: the flat action length `readAction` expects.
  ///   - readState: writes the state fields, in order, from a flat observation.
  ///   - readAction: writes the action fields, in order, from a flat action.
  ///   - captioner: captions of a transition, if the environment has natural ones.
  public init(
    name: String, summary: String, fields: [ViewField], observationLength: Int, actionLength: Int,
    readState: @escaping StateReader, readAction: @escaping ActionReader, captioner: Captioner? = nil
  ) {
    self.name = name
    self.summary = summary
    self.declaredFields = fields
    self.observationLength = observationLength
    self.actionLength = actionLength
    self.readState = readState
    self.readAction = readAction
    self.captioner = captioner
  }

  /// The events every view has: whether the step terminated or truncated the episode and the
  /// number of steps since the reset (1 on the first step).
  public static let eventFields: [ViewField] = [
    ViewField("terminated", .condition, .event, "the episode reached a terminal state on this step"),
    ViewField("truncated", .condition, .event, "the episode was cut by the time limit on this step"),
    ViewField("step", .number, .event, "steps since the reset, 1 on the first step"),
  ]

  /// Every field programs can name: the declared ones, then the events.
  public var fields: [ViewField] { declaredFields + Self.eventFields }

  /// The state fields, in register order.
  public var stateFields: [ViewField] { declaredFields.filter { $0.kind == .state } }
  /// The action fields, in register order.
  public var actionFields: [ViewField] { declaredFields.filter { $0.kind == .action } }
  /// Registers the state takes.
  public var stateWidth: Int { stateFields.reduce(0) { $0 + $1.type.width } }
  /// Registers the action takes.
  public var actionWidth: Int { actionFields.reduce(0) { $0 + $1.type.width } }

  /// The field named `name`, if any.
  public func field(named name: String) -> ViewField? { fields.first { $0.name == name } }

  /// The view as text: one line per quantity with its type and meaning (what a prompt shows a
  /// language model).
  public func describe() -> String {
    var lines = ["Environment \(name): \(summary)", "Quantities (after the step; prev.NAME before it):"]
    for f in fields {
      var line = "  \(f.name): \(f.type)"
      switch f.kind {
      case .state: line += " (state)"
      case .action: line += " (action)"
      case .event: line += " (event)"
      case .constant(let v): line += " = " + (v.count == 1 ? formatNumber(v[0]) : "[" + v.map(formatNumber).joined(separator: ", ") + "]")
      }
      lines.append(line + " — " + f.summary)
    }
    return lines.joined(separator: "\n")
  }

  /// The view as JSON: name, summary and fields with their types and kinds.
  public var json: JSONValue {
    .object([
      "name": .string(name), "summary": .string(summary),
      "fields": .array(fields.map { f in
        var o: [String: JSONValue] = ["name": .string(f.name), "type": .string(f.type.description), "summary": .string(f.summary)]
        switch f.kind {
        case .state: o["kind"] = "state"
        case .action: o["kind"] = "action"
        case .event: o["kind"] = "event"
        case .constant(let v): o["kind"] = "constant"; o["value"] = .array(v.map { .double($0) })
        }
        return .object(o)
      }),
    ])
  }
}

/// A number written briefly: integers without a fraction, others with up to 6 significant digits.
func formatNumber(_ x: Double) -> String {
  if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
  var s = String(x)
  if s.count > 10, let short = Double(String(format6(x))) { s = String(short) }
  return s
}

private func format6(_ x: Double) -> String {
  // Six significant digits without Foundation.
  let magnitude = x == 0 ? 0 : Int((abs(x)).log10Floor)
  let scale = pow10(5 - magnitude)
  return String((x * scale).rounded() / scale)
}

private func pow10(_ n: Int) -> Double {
  var r = 1.0
  if n >= 0 { for _ in 0..<n { r *= 10 } } else { for _ in 0..<(-n) { r /= 10 } }
  return r
}

extension Double {
  fileprivate var log10Floor: Double {
    var e = 0.0, v = self
    while v >= 10 { v /= 10; e += 1 }
    while v < 1 && v > 0 { v *= 10; e -= 1 }
    return e
  }
}
