import GymCore
import RealModule

/// One point of a CarRacing track: Gymnasium's `(alpha, beta, x, y)` tuple.
public struct TrackPoint: Sendable, Hashable {
  /// The polar angle of the point around the track's centre.
  public var alpha: Double
  /// The track's heading across the point (the direction of the tile's cross-section).
  public var beta: Double
  /// Position (metres).
  public var x: Double, y: Double
}

/// Gymnasium's CarRacing track generator, drawing from a `NumPyGenerator` in its order.
public enum TrackGenerator {
  /// Track scale (pixels per metre in Gymnasium's window).
  public static var scale: Double { 6 }
  /// The radius the checkpoints are drawn around (metres).
  public static var trackRadius: Double { 900 / scale }
  /// Distance between track points (metres).
  public static var detailStep: Double { 21 / scale }
  /// Largest heading change per point (radians).
  public static var turnRate: Double { 0.31 }
  /// Half the road's width (metres).
  public static var trackWidth: Double { 40 / scale }
  /// Width of the red-white kerbs (metres).
  public static var border: Double { 8 / scale }
  static var borderMinCount: Int { 4 }
  static var checkpointCount: Int { 12 }

  /// One attempt of Gymnasium's `_create_track`: 12 random checkpoints, a steering-limited walk
  /// around them, and the closed loop cut from its second lap; `nil` when the attempt fails
  /// (Gymnasium then retries with further draws).
  /// - Returns: the points and, for each, whether it gets a kerb.
  public static func attempt(_ rng: inout NumPyGenerator) -> (track: [TrackPoint], border: [Bool])? {
    let n = checkpointCount
    var checkpoints: [(alpha: Double, x: Double, y: Double)] = []
    var startAlpha = 0.0
    for c in 0..<n {
      let noise = rng.uniform(low: 0, high: 2 * Double.pi * 1 / Double(n))
      var alpha = 2 * Double.pi * Double(c) / Double(n) + noise
      var rad = rng.uniform(low: trackRadius / 3, high: trackRadius)
      if c == 0 {
        alpha = 0
        rad = 1.5 * trackRadius
      }
      if c == n - 1 {
        alpha = 2 * Double.pi * Double(c) / Double(n)
        startAlpha = 2 * Double.pi * (-0.5) / Double(n)
        rad = 1.5 * trackRadius
      }
      checkpoints.append((alpha, rad * Double.cos(alpha), rad * Double.sin(alpha)))
    }

    var x = 1.5 * trackRadius, y = 0.0, beta = 0.0
    var destI = 0, laps = 0, noFreeze = 2500
    var visitedOtherSide = false
    var track: [TrackPoint] = []
    var destX = 0.0, destY = 0.0
    while true {
      var alpha = Double.atan2(y: y, x: x)
      if visitedOtherSide && alpha > 0 {
        laps += 1
        visitedOtherSide = false
      }
      if alpha < 0 {
        visitedOtherSide = true
        alpha += 2 * Double.pi
      }
      while true {
        var failed = true
        while true {
          let dest = checkpoints[destI % n]
          destX = dest.x
          destY = dest.y
          if alpha <= dest.alpha {
            failed = false
            break
          }
          destI += 1
          if destI % n == 0 { break }
        }
        if !failed { break }
        alpha -= 2 * Double.pi
      }
      let r1x = Double.cos(beta), r1y = Double.sin(beta)
      let p1x = -r1y, p1y = r1x
      var proj = r1x * (destX - x) + r1y * (destY - y)
      while beta - alpha > 1.5 * Double.pi { beta -= 2 * Double.pi }
      while beta - alpha < -1.5 * Double.pi { beta += 2 * Double.pi }
      let previousBeta = beta
      proj *= scale
      if proj > 0.3 { beta -= min(turnRate, abs(0.001 * proj)) }
      if proj < -0.3 { beta += min(turnRate, abs(0.001 * proj)) }
      x += p1x * detailStep
      y += p1y * detailStep
      track.append(TrackPoint(alpha: alpha, beta: previousBeta * 0.5 + beta * 0.5, x: x, y: y))
      if laps > 4 { break }
      noFreeze -= 1
      if noFreeze == 0 { break }
    }

    var i1 = -1, i2 = -1
    var i = track.count
    while true {
      i -= 1
      if i == 0 { return nil }
      let passes = track[i].alpha > startAlpha && track[i - 1].alpha <= startAlpha
      if passes && i2 == -1 {
        i2 = i
      } else if passes && i1 == -1 {
        i1 = i
        break
      }
    }
    guard i1 < i2 - 1 else { return nil }
    track = Array(track[i1..<(i2 - 1)])
    let firstBeta = track[0].beta
    let dx = Double.cos(firstBeta) * (track[0].x - track[track.count - 1].x)
    let dy = Double.sin(firstBeta) * (track[0].y - track[track.count - 1].y)
    if (dx * dx + dy * dy).squareRoot() > detailStep { return nil }

    let count = track.count
    func wrap(_ k: Int) -> Int { ((k % count) + count) % count }  // Python's negative indices
    var border = [Bool](repeating: false, count: count)
    for i in 0..<count {
      var good = true
      var oneSide = 0.0
      for neg in 0..<borderMinCount {
        let beta1 = track[wrap(i - neg)].beta, beta2 = track[wrap(i - neg - 1)].beta
        good = good && abs(beta1 - beta2) > turnRate * 0.2
        oneSide += beta1 > beta2 ? 1 : (beta1 < beta2 ? -1 : 0)
      }
      border[i] = good && abs(oneSide) == Double(borderMinCount)
    }
    for i in 0..<count {
      for neg in 0..<borderMinCount { border[wrap(i - neg)] = border[wrap(i - neg)] || border[i] }
    }
    return (track, border)
  }
}
