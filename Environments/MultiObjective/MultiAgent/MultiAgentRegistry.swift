import GymCore

/// Receives a multi-agent environment with its concrete type (`MultiObjective.visitMultiAgent`).
public protocol MultiAgentEnvironmentVisitor {
  /// What the visit returns.
  associatedtype Result
  /// Called with the environment made from the id.
  func visit<E: MultiObjectiveParallelEnvironment & Sendable>(_ env: E) throws -> Result
  where
    E.Action == Int, E.ActionSpace == Discrete, E.Observation: Hashable & Sendable & RangeReplaceableCollection & BoxValue,
    E.ObservationSpace == Box<E.Observation>
}

extension MultiObjective {
  /// The ids of the multi-agent (MOMAland-style) environments.
  public static let multiAgentIDs = ["mo-beach-v0", "mo-gem-mining-v0", "mo-item-gathering-v0"]

  /// MOMAland's names for the multi-agent environments, mapped to ours.
  public static let momalandNames = [
    "mobeach_v0": "mo-beach-v0", "mogem_mining_v0": "mo-gem-mining-v0", "moitem_gathering_v0": "mo-item-gathering-v0",
  ]

  /// `id` itself when it is a multi-agent id, its id when it is a MOMAland name, else nil.
  public static func canonicalMultiAgentID(_ id: String) -> String? {
    multiAgentIDs.contains(id) ? id : momalandNames[id]
  }

  /// The hypervolume reference point of `id` with `objectives` objectives: the origin for
  /// mo-beach and mo-gem-mining (every return is positive there), −1 per item colour for
  /// mo-item-gathering, where a policy may collect no item of a colour (as four-room's).
  public static func multiAgentReferencePoint(_ id: String, objectives: Int) -> [Double] {
    Array(repeating: canonicalMultiAgentID(id) == "mo-item-gathering-v0" ? -1 : 0, count: objectives)
  }

  /// Makes the multi-agent environment `id` (ours or MOMAland's name) and hands it to
  /// `visitor` with its concrete type.
  /// - Throws: `RegistryError` for an unknown id, `OptionError` for bad options.
  public static func visitMultiAgent<V: MultiAgentEnvironmentVisitor>(_ id: String, options: Options = [:], _ visitor: V) throws -> V.Result {
    switch canonicalMultiAgentID(id) {
    case "mo-beach-v0": return try visitor.visit(MOBeach(options: options))
    case "mo-gem-mining-v0": return try visitor.visit(MOGemMining(options: options))
    case "mo-item-gathering-v0": return try visitor.visit(MOItemGathering(options: options))
    default:
      let names = multiAgentIDs + momalandNames.keys.sorted()
      throw RegistryError("'\(id)' is not a multi-agent multi-objective environment; available: \(names.joined(separator: ", "))")
    }
  }
}
