#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Round axis tick values (1, 2 or 5 × a power of ten apart) and compact labels for them.
public enum NiceTicks {
  /// The nice step for about `maxCount` ticks across `span` (Heckbert's rounding rule, so
  /// the count can exceed `maxCount` by up to half).
  /// - Returns: 1, 2, 5 or 10 times a power of ten; 1 for an empty or invalid span.
  public static func step(span: Double, maxCount: Int) -> Double {
    guard span > 0, span.isFinite, maxCount >= 2 else { return 1 }
    let raw = span / Double(maxCount - 1)
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    let fraction = raw / magnitude
    let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
    return nice * magnitude
  }

  /// Multiples of a nice step inside `range`, about `maxCount` of them.
  /// - Parameters:
  ///   - range: the axis extent.
  ///   - maxCount: upper bound on the number of ticks (≥ 2).
  ///   - minimumStep: a floor for the step (1 for integer-valued axes such as cell indices).
  public static func values(in range: ClosedRange<Double>, maxCount: Int = 6, minimumStep: Double = 0) -> [Double] {
    let span = range.upperBound - range.lowerBound
    guard span.isFinite, range.lowerBound.isFinite else { return [] }
    if span == 0 { return [range.lowerBound] }
    var s = step(span: span, maxCount: maxCount)
    if s < minimumStep { s = minimumStep }
    let first = (range.lowerBound / s - 1e-9).rounded(.up)
    let last = (range.upperBound / s + 1e-9).rounded(.down)
    guard last >= first, last - first < 10_000 else { return [] }
    return stride(from: first, through: last, by: 1).map { k in
      let v = k * s
      return abs(v) < s * 1e-9 ? 0 : v
    }
  }

  /// Labels for evenly spaced tick values, sharing one format: as many decimals as the
  /// step needs (the same for every label; zero is plain "0"), an SI suffix (k, M, G) when values reach 10 000, and an exponent for
  /// values all below 0.001.
  /// - Example: `[0, 250000, 500000]` → `["0", "250k", "500k"]`; `[0, 0.5, 1]` → `["0", "0.5", "1.0"]`.
  public static func labels(_ values: [Double]) -> [String] {
    guard !values.isEmpty else { return [] }
    let maxAbs = values.map { abs($0) }.max() ?? 0
    var step = 0.0
    for i in 1..<max(1, values.count) where i < values.count {
      let d = abs(values[i] - values[i - 1])
      if d > 0 { step = step == 0 ? d : min(step, d) }
    }
    if step == 0 { step = maxAbs == 0 ? 1 : maxAbs }
    var unit = 1.0
    var suffix = ""
    if maxAbs >= 1e10 {
      (unit, suffix) = (1e9, "G")
    } else if maxAbs >= 1e7 {
      (unit, suffix) = (1e6, "M")
    } else if maxAbs >= 1e4 {
      (unit, suffix) = (1e3, "k")
    } else if maxAbs > 0 && maxAbs < 1e-3 {
      let e = log10(maxAbs).rounded(.down)
      unit = pow(10, e)
      suffix = "e\(Int(e))"
    }
    let d = decimals(step / unit)
    return values.map { v in
      if abs(v) < step * 1e-9 { return "0" }
      return format(v / unit, decimals: d) + suffix
    }
  }

  /// The label for a single value, formatted as if it were a tick `step` apart from others.
  public static func label(_ value: Double, step: Double) -> String {
    labels([value, value + step])[0]
  }

  /// The fewest decimals (0–9) that show `step` exactly.
  static func decimals(_ step: Double) -> Int {
    var scaled = step
    for d in 0..<9 {
      if abs(scaled - scaled.rounded()) < 1e-6 * max(1, abs(scaled)) { return d }
      scaled *= 10
    }
    return 9
  }

  /// `value` with exactly `decimals` digits after the point, no exponent.
  public static func format(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    let factor = pow(10, Double(decimals))
    let scaled = (abs(value) * factor).rounded()
    guard scaled < 9e18 else { return String(value) }
    let q = UInt64(scaled)
    let p = UInt64(factor)
    let integerPart = String(q / p)
    var text = (value < 0 && q != 0 ? "-" : "") + integerPart
    if decimals > 0 {
      let frac = String(q % p)
      text += "." + String(repeating: "0", count: decimals - frac.count) + frac
    }
    return text
  }
}
