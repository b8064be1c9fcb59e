import ArgumentParser
import SwiftGym

struct Replay: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Replay a recorded trajectory file through our environments.",
    discussion: "Reads the format of Gymnasium's reference files (mode 'injected' or 'seeded'), replays each episode and writes the same structure with our observations, rewards and flags. A comparison with the file's own values goes to standard error.")

  @Argument(help: "A trajectory JSON file.")
  var file: String
  @Option(help: "Write the result here instead of standard output (written atomically).")
  var out: String?
  @Flag(help: "End with one JSON object of comparison figures instead of the trajectories on standard output.")
  var json = false

  func run() throws {
    let text: String
    do { text = try AtomicFile.read(file) } catch { throw CLIError(error.message) }
    let input: JSONValue
    do { input = try JSON.parse(text) } catch { throw CLIError("\(file): \(error)") }
    if let out { try checkWritable(out) }
    let result = try SwiftGym.Replay.run(input)
    let c = SwiftGym.Replay.compare(result, reference: input, floor: 1e-8)
    printError("replayed \(c.steps) steps: max obs error \(c.maxObservationAbsoluteError) abs, \(c.maxObservationRelativeError) rel; max reward error \(c.maxRewardError); flag mismatches \(c.flagMismatches)")
    let rendered = JSON.string(result)
    if let out {
      try AtomicFile.write(rendered + "\n", to: out)
    } else if !json {
      print(rendered)
    }
    emitJSON(json, [
      "file": .string(file), "steps": .int(c.steps), "max_obs_abs_error": .double(c.maxObservationAbsoluteError),
      "max_obs_rel_error": .double(c.maxObservationRelativeError), "max_reward_error": .double(c.maxRewardError),
      "flag_mismatches": .int(c.flagMismatches),
    ])
  }
}
