import ArgumentParser
import Foundation
import GymTesting
import SwiftGym

@main
struct Gym: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gym",
    abstract: "SwiftGym: run, check, benchmark and replay reinforcement-learning environments.",
    discussion: "Every subcommand that reports figures accepts --json, which makes its last line of standard output one JSON object with those figures.",
    subcommands: [
      List.self, Info.self, Reset.self, Run.self, Check.self, Bench.self, Replay.self, Train.self, Eval.self,
      Bandit.self, Lang.self, Reward.self, Morl.self, QD.self, NNBench.self,
    ]
  )
}

/// Shared environment options.
struct EnvironmentOptions: ParsableArguments {
  @Argument(help: "A registered environment id, e.g. CartPole-v1 (see `gym list`).")
  var id: String

  @Option(name: .customLong("options"), help: "Construction options as a JSON object, e.g. '{\"sutton_barto_reward\": true}'.")
  var optionsJSON: String?

  @Option(help: "Override the time limit (0 disables it).")
  var maxEpisodeSteps: Int?

  func parsedOptions() throws -> Options {
    guard let optionsJSON else { return [:] }
    let value: JSONValue
    do { value = try JSON.parse(optionsJSON) } catch { throw ValidationError("--options: \(error)") }
    guard case .object(let o) = value else { throw ValidationError("--options must be a JSON object, got \(value.kindName)") }
    return o
  }

  func make(renderMode: RenderMode? = nil) throws -> AnyEnvironment {
    try Registry.standard.make(id, options: try parsedOptions(), maxEpisodeSteps: maxEpisodeSteps, renderMode: renderMode)
  }
}

/// Prints the JSON summary line when asked.
func emitJSON(_ enabled: Bool, _ value: JSONValue) {
  if enabled { print(JSON.string(value)) }
}

/// Writes to standard error.
func printError(_ text: String) {
  var stderr = StandardError()
  print(text, to: &stderr)
}

struct StandardError: TextOutputStream {
  mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}

func format(_ x: Double, _ digits: Int = 2) -> String {
  guard x.isFinite else { return "\(x)" }
  var s = String(Double(Int64((x * pow10(digits)).rounded())) / pow10(digits))
  if s.hasSuffix(".0") && digits == 0 { s.removeLast(2) }
  return s
}

func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }

/// Groups an integer with thin separators: 12_345_678 → "12,345,678".
func grouped(_ n: Int) -> String {
  let s = String(n)
  var out = ""
  for (i, c) in s.reversed().enumerated() {
    if i > 0 && i % 3 == 0 && c != "-" { out.append(",") }
    out.append(c)
  }
  return String(out.reversed())
}
