import GymCore

/// Minigrid's observation `{"image", "direction", "mission"}`, typed and allocation-free
/// except for the shared mission string.
public struct MiniGridObservation: Hashable, Sendable {
  /// The 7×7×3 egocentric view.
  public var image: GridImage
  /// The agent's heading, 0...3.
  public var direction: Int
  /// The instruction text.
  public var mission: String

  /// An observation.
  @inlinable
  public init(image: GridImage, direction: Int, mission: String) {
    self.image = image
    self.direction = direction
    self.mission = mission
  }
}

/// The observation space of Minigrid environments: Gymnasium's
/// `Dict(direction: Discrete(4), image: Box(0, 255, (7, 7, 3), uint8), mission: MissionSpace)`.
///
/// Flattening follows the sorted keys: a one-hot direction (4), the 147 image bytes as floats,
/// then the mission as `maxMissionLength` character indices into `missionCharset` (padded
/// with `missionCharset.count`). JSON is `{"direction": d, "image": [[[…]]], "mission": "…"}`
/// with the image nested `[x][y][channel]`.
public struct MiniGridObservationSpace: Space, Hashable {
  /// The characters a mission may contain when flattened: lower-case letters, digits, space,
  /// comma and full stop.
  public static let missionCharset: [Character] = Array(" ,.0123456789abcdefghijklmnopqrstuvwxyz")
  /// The longest mission that flattens without truncation.
  public let maxMissionLength: Int

  /// The space; missions flatten to `maxMissionLength` indices.
  public init(maxMissionLength: Int = 512) {
    self.maxMissionLength = maxMissionLength
  }

  public func sample(using rng: inout some RandomNumberGenerator) -> MiniGridObservation {
    var image = GridImage()
    image.withUnsafeMutableBytes { b in
      for i in 0..<GridImage.byteCount { b[i] = UInt8.random(in: 0...255, using: &rng) }
    }
    return MiniGridObservation(image: image, direction: Int.random(in: 0..<4, using: &rng), mission: "")
  }

  public func contains(_ value: MiniGridObservation) -> Bool {
    (0..<4).contains(value.direction) && value.mission.count <= maxMissionLength
  }

  public var flatDimension: Int { 4 + GridImage.byteCount + maxMissionLength }

  public func flatten(_ value: MiniGridObservation, into out: UnsafeMutableBufferPointer<Float>) {
    for i in 0..<4 { out[i] = i == value.direction ? 1 : 0 }
    value.image.withUnsafeBytes { b in
      for i in 0..<GridImage.byteCount { out[4 + i] = Float(b[i]) }
    }
    var k = 4 + GridImage.byteCount
    let end = k + maxMissionLength
    let pad = Float(Self.missionCharset.count)
    for u in value.mission.utf8 where k < end {
      out[k] = Float(Self.charIndex(u) ?? Self.missionCharset.count)
      k += 1
    }
    while k < end {
      out[k] = pad
      k += 1
    }
  }

  static func charIndex(_ u: UInt8) -> Int? {
    switch u {
    case 32: 0
    case 44: 1
    case 46: 2
    case 48...57: 3 + Int(u - 48)
    case 97...122: 13 + Int(u - 97)
    default: nil
    }
  }

  public func unflatten(_ flat: UnsafeBufferPointer<Float>) throws(SpaceError) -> MiniGridObservation {
    guard flat.count == flatDimension else {
      throw SpaceError("\(self) expects a flat vector of length \(flatDimension), got \(flat.count)")
    }
    guard let d = (0..<4).first(where: { flat[$0] == 1 }), (0..<4).allSatisfy({ flat[$0] == ($0 == d ? 1 : 0) }) else {
      throw SpaceError("\(self): the first 4 values must be a one-hot direction")
    }
    var bytes = [UInt8](repeating: 0, count: GridImage.byteCount)
    for i in 0..<GridImage.byteCount {
      let v = flat[4 + i]
      guard v >= 0, v <= 255, v == v.rounded() else { throw SpaceError("\(self): image value \(v) is not a byte") }
      bytes[i] = UInt8(v)
    }
    var mission = ""
    for i in 0..<maxMissionLength {
      let v = flat[4 + GridImage.byteCount + i]
      let k = Int(v)
      guard Float(k) == v, k >= 0, k <= Self.missionCharset.count else {
        throw SpaceError("\(self): \(v) is not a mission character index")
      }
      if k == Self.missionCharset.count { break }
      mission.append(Self.missionCharset[k])
    }
    return MiniGridObservation(image: GridImage(bytes: bytes), direction: d, mission: mission)
  }

  public func encode(_ value: MiniGridObservation) -> JSONValue {
    var xs: [JSONValue] = []
    for x in 0..<7 {
      var ys: [JSONValue] = []
      for y in 0..<7 {
        let c = value.image[x, y]
        ys.append([.int(Int(c.type)), .int(Int(c.color)), .int(Int(c.state))])
      }
      xs.append(.array(ys))
    }
    return ["direction": .int(value.direction), "image": .array(xs), "mission": .string(value.mission)]
  }

  public func decode(_ json: JSONValue) throws(SpaceError) -> MiniGridObservation {
    guard case .object(let o) = json else { throw SpaceError("\(self) expects an object with keys direction, image, mission") }
    guard let d = o["direction"]?.intValue, (0..<4).contains(d) else { throw SpaceError("\(self): direction must be 0...3") }
    guard let m = o["mission"]?.stringValue else { throw SpaceError("\(self): mission must be a string") }
    guard let xs = o["image"]?.arrayValue, xs.count == 7 else { throw SpaceError("\(self): image must be 7×7×3") }
    var bytes: [UInt8] = []
    for x in xs {
      guard let ys = x.arrayValue, ys.count == 7 else { throw SpaceError("\(self): image must be 7×7×3") }
      for y in ys {
        guard let cs = y.arrayValue, cs.count == 3 else { throw SpaceError("\(self): image must be 7×7×3") }
        for c in cs {
          guard let v = c.intValue, (0...255).contains(v) else { throw SpaceError("\(self): image values are bytes") }
          bytes.append(UInt8(v))
        }
      }
    }
    return MiniGridObservation(image: GridImage(bytes: bytes), direction: d, mission: m)
  }

  public var specification: JSONValue {
    [
      "type": "Dict",
      "spaces": [
        "direction": ["type": "Discrete", "n": 4, "start": 0],
        "image": ["type": "Box", "low": 0, "high": 255, "shape": [7, 7, 3], "dtype": "uint8"],
        "mission": ["type": "MissionSpace", "max_length": .int(maxMissionLength)],
      ],
    ]
  }

  public var description: String {
    "Dict('direction': Discrete(4), 'image': Box(0, 255, (7, 7, 3), uint8), 'mission': MissionSpace)"
  }
}
