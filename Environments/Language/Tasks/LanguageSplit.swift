import GymCore

/// The evaluation splits, after ARNOLD's: what differs from training in each.
public enum LanguageSplit: String, Sendable, Hashable, CaseIterable, Codable {
  /// Goal values, objects and scene layouts seen in training.
  case train
  /// Goal values from held-out intervals; training objects and scenes.
  case novelValues = "novel_values"
  /// Objects (nouns, shapes, sizes, masses) never seen in training; training values and scenes.
  case novelObjects = "novel_objects"
  /// Scene layouts (table height, object, target and gripper places) never seen in training.
  case novelScenes = "novel_scenes"
}

/// A shape drawn for an object.
public enum ObjectShape: String, Sendable, Hashable, Codable {
  case rectangle, circle, triangle, hexagon
}

/// One object variant a task can be given: its noun, size and mass (containers pour as their
/// shape makes the balls roll out). Drawers and doors have variants too (travel, width, mass), all named by one noun.
public struct ObjectVariant: Sendable, Hashable {
  /// The noun instructions use.
  public var noun: String
  /// The drawn shape.
  public var shape: ObjectShape
  /// Width and height in metres (drawer: travel and front height; door: width and thickness).
  public var width: Double, height: Double
  /// Mass in kilograms: the load the gripper moves, which slows its response.
  public var mass: Double

  /// A variant.
  public init(_ noun: String, _ shape: ObjectShape, width: Double, height: Double, mass: Double) {
    self.noun = noun
    self.shape = shape
    self.width = width
    self.height = height
    self.mass = mass
  }
}

/// The layout of one episode's scene.
public struct SceneLayout: Sendable, Hashable {
  /// Height of the table top above the floor (m).
  public var tableY: Double
  /// Where the object (or the cabinet, door hinge, source cup) stands.
  public var objectX: Double
  /// Where the bowl or target cup stands (pour and transfer).
  public var targetX: Double
  /// Height of the bowl or target cup (m).
  public var targetHeight: Double
  /// Width of the bowl or target cup's opening (m).
  public var targetWidth: Double
  /// The gripper's start position.
  public var gripperStart: SIMD2<Double>
  /// Which background the renderer paints (scenes differ in look as well as layout).
  public var style: Int
}

/// Which values, objects and layouts a task draws for each split.
public enum LanguageCurriculum {
  /// The whole range of spoken goal values a task draws from (whole units), and the
  /// held-out intervals inside it that only `novelValues` uses.
  public static func valueRange(_ task: LanguageTaskKind) -> (all: ClosedRange<Int>, heldOut: [ClosedRange<Int>]) {
    switch task {
    case .liftObject: return (5...40, [17...23])          // cm
    case .rotateObject: return (20...180, [80...100])     // degrees
    case .openDrawer: return (20...100, [45...55])        // %
    case .closeDrawer: return (0...70, [25...35])         // %
    case .openDoor: return (20...90, [40...50])           // degrees
    case .closeDoor: return (0...60, [25...35])           // degrees
    case .pourBalls, .transferBalls: return (20...90, [45...55])  // %
    }
  }

  /// The spoken values of `split` for `task` (in the quantity's spoken unit).
  public static func spokenValues(_ task: LanguageTaskKind, split: LanguageSplit) -> [Int] {
    let (all, held) = valueRange(task)
    let isHeld = { (v: Int) in held.contains { $0.contains(v) } }
    return split == .novelValues ? all.filter(isHeld) : all.filter { !isHeld($0) }
  }

  /// The goal tolerance (SI units): 2 cm, 8°, 5 % of travel, 5°, 5 % of the balls.
  public static func tolerance(_ quantity: Quantity) -> Double {
    switch quantity {
    case .height: return 0.02
    case .rotation: return 8 * .pi / 180
    case .openness: return 0.05
    case .doorAngle: return 5 * .pi / 180
    case .amount: return 0.05
    }
  }

  /// Steps the goal must be held: 10 steps of 0.05 s (half a second).
  public static let holdSteps = 10

  /// The object variants of a task: training ones, or the novel ones for `novelObjects`.
  public static func objects(_ task: LanguageTaskKind, novel: Bool) -> [ObjectVariant] {
    switch task {
    case .liftObject, .rotateObject:
      let train: [ObjectVariant] = [
        .init("block", .rectangle, width: 0.06, height: 0.06, mass: 0.3),
        .init("box", .rectangle, width: 0.10, height: 0.08, mass: 0.5),
        .init("bottle", .rectangle, width: 0.05, height: 0.16, mass: 0.6),
        .init("brick", .rectangle, width: 0.10, height: 0.05, mass: 1.0),
        .init("bar", .rectangle, width: 0.16, height: 0.03, mass: 0.8),
      ]
      let unseen: [ObjectVariant] = [
        .init("plank", .rectangle, width: 0.24, height: 0.04, mass: 2.0),
        .init("wedge", .triangle, width: 0.09, height: 0.08, mass: 2.5),
        .init("nut", .hexagon, width: 0.04, height: 0.04, mass: 0.1),
        .init("can", .rectangle, width: 0.07, height: 0.11, mass: 1.5),
      ]
      return novel ? novelOnly(unseen, task) : train
    case .openDrawer, .closeDrawer:
      return novel
        ? [.init("drawer", .rectangle, width: 0.50, height: 0.10, mass: 3.0), .init("drawer", .rectangle, width: 0.22, height: 0.16, mass: 0.4)]
        : [.init("drawer", .rectangle, width: 0.30, height: 0.12, mass: 1.0), .init("drawer", .rectangle, width: 0.38, height: 0.12, mass: 1.5),
           .init("drawer", .rectangle, width: 0.34, height: 0.08, mass: 0.8)]
    case .openDoor, .closeDoor:
      return novel
        ? [.init("door", .rectangle, width: 0.45, height: 0.03, mass: 3.5), .init("door", .rectangle, width: 0.16, height: 0.02, mass: 0.3)]
        : [.init("door", .rectangle, width: 0.25, height: 0.02, mass: 1.0), .init("door", .rectangle, width: 0.30, height: 0.02, mass: 1.5),
           .init("door", .rectangle, width: 0.22, height: 0.02, mass: 0.8)]
    case .pourBalls:
      let train: [ObjectVariant] = [
        .init("cup", .rectangle, width: 0.08, height: 0.10, mass: 0.4),
        .init("jar", .rectangle, width: 0.10, height: 0.14, mass: 0.7),
        .init("mug", .rectangle, width: 0.09, height: 0.09, mass: 0.5),
      ]
      let unseen: [ObjectVariant] = [
        .init("beaker", .rectangle, width: 0.07, height: 0.15, mass: 0.3),
        .init("pot", .rectangle, width: 0.14, height: 0.10, mass: 1.8),
        .init("bucket", .rectangle, width: 0.12, height: 0.13, mass: 1.2),
      ]
      return novel ? unseen : train
    case .transferBalls:
      let train: [ObjectVariant] = [
        .init("cup", .rectangle, width: 0.08, height: 0.10, mass: 0.4),
        .init("jar", .rectangle, width: 0.10, height: 0.14, mass: 0.7),
        .init("mug", .rectangle, width: 0.09, height: 0.09, mass: 0.5),
      ]
      let unseen: [ObjectVariant] = [
        .init("beaker", .rectangle, width: 0.07, height: 0.15, mass: 0.3),
        .init("glass", .rectangle, width: 0.06, height: 0.12, mass: 0.3),
        .init("tumbler", .rectangle, width: 0.09, height: 0.08, mass: 0.9),
      ]
      return novel ? unseen : train
    }
  }

  /// Keeps the variants whose noun the task's instructions can say.
  static func novelOnly(_ variants: [ObjectVariant], _ task: LanguageTaskKind) -> [ObjectVariant] {
    let nouns = InstructionGrammar.nouns(for: task)
    return variants.filter { nouns.contains($0.noun) }
  }

  /// A random layout: training layouts, or the novel ones for `novelScenes` (a higher table,
  /// the object further left, the target further right, the gripper starting low on the right).
  public static func layout(novel: Bool, using rng: inout GymRandom) -> SceneLayout {
    if novel {
      return SceneLayout(
        tableY: rng.uniform(0.42, 0.50), objectX: rng.uniform(-0.80, -0.62), targetX: rng.uniform(0.55, 0.75),
        targetHeight: rng.uniform(0.05, 0.07), targetWidth: rng.uniform(0.14, 0.18),
        gripperStart: SIMD2(rng.uniform(0.30, 0.70), rng.uniform(0.75, 0.85)), style: 1)
    }
    return SceneLayout(
      tableY: rng.uniform(0.25, 0.35), objectX: rng.uniform(-0.55, -0.25), targetX: rng.uniform(0.15, 0.45),
      targetHeight: rng.uniform(0.07, 0.10), targetWidth: rng.uniform(0.18, 0.24),
      gripperStart: SIMD2(rng.uniform(-0.20, 0.20), rng.uniform(0.80, 1.00)), style: 0)
  }
}
