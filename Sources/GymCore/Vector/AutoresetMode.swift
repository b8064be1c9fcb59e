/// What a vector environment does when a sub-environment's episode ends
/// (Gymnasium's `AutoresetMode`).
public enum AutoresetMode: String, Sendable, CaseIterable {
  /// The default since Gymnasium 1.0: the step that ends an episode returns the true final
  /// observation; the *next* step resets that sub-environment instead of stepping it (its
  /// action is ignored) and returns the reset observation with reward 0 and both flags false.
  /// Training code must skip that transition (`VectorEnvironment.wasReset`).
  case nextStep = "NextStep"
  /// The sub-environment is reset within the step that ended it: the returned observation is
  /// the reset one, and the final observation is in `finalObservations` (flag in
  /// `hasFinalObservation`), the final info in `finalInfos`.
  case sameStep = "SameStep"
  /// No automatic reset: stepping a finished sub-environment is an error; reset it with
  /// `reset(mask:)`.
  case disabled = "Disabled"
}
