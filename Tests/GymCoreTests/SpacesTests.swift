import GymCore
import Testing

@Suite struct SpacesTests {
  @Test(arguments: [0, 1, 7, 123] as [UInt64])
  func discreteSamplesStayInsideAndRoundTrip(seed: UInt64) throws {
    let space = Discrete(5, start: -2)
    var rng = GymRandom(seed: seed)
    var seen = Set<Int>()
    for _ in 0..<500 {
      let v = space.sample(using: &rng)
      #expect(space.contains(v))
      seen.insert(v)
      let flat = space.flatten(v)
      #expect(flat.count == 5 && flat.reduce(0, +) == 1)
      #expect(try space.unflatten(flat) == v)
      #expect(try space.decode(space.encode(v)) == v)
    }
    #expect(seen == Set(-2...2))
    #expect(!space.contains(3) && !space.contains(-3))
  }

  @Test func discreteRejectsBadFlatAndJSON() {
    let space = Discrete(3)
    #expect(throws: SpaceError.self) { try space.unflatten([1, 1, 0]) }
    #expect(throws: SpaceError.self) { try space.unflatten([0, 0]) }
    #expect(throws: SpaceError.self) { try space.decode(.int(3)) }
    #expect(throws: SpaceError.self) { try space.decode(.string("a")) }
  }

  @Test func boxSamplingFollowsBoundedness() throws {
    let space = Box<[Float]>(low: [-1, 0, -.infinity, -.infinity], high: [1, .infinity, 5, .infinity])
    var rng = GymRandom(seed: 3)
    var unboundedNegative = false
    for _ in 0..<2000 {
      let v = space.sample(using: &rng)
      #expect(space.contains(v))
      #expect(v[0] >= -1 && v[0] <= 1)
      #expect(v[1] >= 0)
      #expect(v[2] <= 5)
      if v[3] < 0 { unboundedNegative = true }
    }
    #expect(unboundedNegative)
    #expect(!space.contains([2, 0, 0, 0]))
    #expect(!space.contains([0, -1, 0, 0]))
  }

  @Test func boxFlattenRoundTripAndBoundsAreFloat32() throws {
    let space = Box<SIMD4<Float>>(low: [-4.8, -.infinity, -0.41887902047863906, -.infinity], high: [4.8, .infinity, 0.41887902047863906, .infinity])
    #expect(space.high[2] == Double(Float(0.41887902047863906)))
    let v = SIMD4<Float>(0.5, -3, 0.1, 7)
    #expect(try space.unflatten(space.flatten(v)) == v)
    #expect(try space.decode(space.encode(v)) == v)
    #expect(space.description == "Box([-4.8 -inf -0.41887903 -inf], [4.8 inf 0.41887903 inf], (4,), float32)")
  }

  @Test func integerBoxSamplesIntegersInclusive() {
    let space = Box<[UInt8]>(low: 0, high: 3, shape: [2, 2])
    var rng = GymRandom(seed: 9)
    var seen = Set<UInt8>()
    for _ in 0..<400 {
      let v = space.sample(using: &rng)
      #expect(space.contains(v))
      seen.formUnion(v)
    }
    #expect(seen == [0, 1, 2, 3])
  }

  @Test func multiDiscreteAndMultiBinary() throws {
    let md = MultiDiscrete([3, 2, 4])
    var rng = GymRandom(seed: 1)
    for _ in 0..<100 {
      let v = md.sample(using: &rng)
      #expect(md.contains(v))
      let flat = md.flatten(v)
      #expect(flat.count == 9 && flat.reduce(0, +) == 3)
      #expect(try md.unflatten(flat) == v)
    }
    #expect(!md.contains([3, 0, 0]))
    let mb = MultiBinary(6)
    for _ in 0..<50 {
      let v = mb.sample(using: &rng)
      #expect(mb.contains(v))
      #expect(try mb.unflatten(mb.flatten(v)) == v)
    }
    #expect(!mb.contains([0, 2, 0, 0, 0, 0]))
  }

  @Test func textSpacePadsAndRoundTrips() throws {
    let space = TextSpace(maxLength: 6, minLength: 2, charset: Array("abc"))
    var rng = GymRandom(seed: 4)
    for _ in 0..<100 {
      let s = space.sample(using: &rng)
      #expect(space.contains(s))
      #expect((2...6).contains(s.count))
      let flat = space.flatten(s)
      #expect(flat.count == 6)
      #expect(try space.unflatten(flat) == s)
    }
    #expect(space.flatten("ab") == [0, 1, 3, 3, 3, 3])
    #expect(!space.contains("abd"))
  }

  @Test func tupleAndDictConcatenateInKeyOrder() throws {
    let tuple = TupleSpace([AnySpace(Discrete(2)), AnySpace(Box<[Float]>(low: 0, high: 1, shape: [2]))])
    #expect(tuple.flatDimension == 4)
    #expect(tuple.flatten([.int(1), [0.25, 0.5]]) == [0, 1, 0.25, 0.5])
    let dict = DictSpace(["b": AnySpace(Discrete(3)), "a": AnySpace(MultiBinary(2))])
    #expect(dict.keys == ["a", "b"])
    #expect(dict.flatten(["a": [1, 0], "b": 2]) == [1, 0, 0, 0, 1])
    var rng = GymRandom(seed: 11)
    for _ in 0..<50 {
      let v = dict.sample(using: &rng)
      #expect(dict.contains(v))
      #expect(try dict.unflatten(dict.flatten(v)) == v)
      let t = tuple.sample(using: &rng)
      #expect(tuple.contains(t))
    }
    #expect(throws: SpaceError.self) { try dict.decode(["a": [1, 0], "b": 2, "c": 0]) }
  }

  @Test func specificationsAreJSON() {
    #expect(Discrete(4).specification == ["type": "Discrete", "n": 4, "start": 0])
    let box = Box<[Float]>(low: -1, high: .infinity, shape: [1])
    #expect(box.specification["high"] == ["inf"])
    #expect(box.specification["dtype"] == "float32")
  }
}

@Suite struct RandomTests {
  @Test func sameSeedSameStreamAndDerivedStreamsDiffer() {
    var a = GymRandom(seed: 42), b = GymRandom(seed: 42)
    let xs = (0..<8).map { _ in a.next() }
    #expect(xs == (0..<8).map { _ in b.next() })
    var c = GymRandom(seed: 42).derive(1), d = GymRandom(seed: 42).derive(2)
    #expect(c.next() != d.next())
    // Derivation does not depend on draws made before.
    var e = GymRandom(seed: 42)
    _ = e.next()
    var f = e.derive(1)
    var g = GymRandom(seed: 42).derive(1)
    #expect(f.next() == g.next())
  }

  @Test func uniformIntegersAreUnbiasedEnough() {
    var rng = GymRandom(seed: 5)
    var counts = [Int](repeating: 0, count: 6)
    for _ in 0..<60_000 { counts[rng.int(below: 6)] += 1 }
    for c in counts { #expect(abs(c - 10_000) < 400) }
    var sum = 0.0
    for _ in 0..<10_000 { sum += rng.nextDouble() }
    #expect(abs(sum / 10_000 - 0.5) < 0.01)
  }
}

@Suite struct JSONTests {
  @Test func roundTripKeepsDoublesExact() throws {
    let v: JSONValue = ["a": [1, 2.5, -0.013696168549358845], "b": "x\"y\n", "c": nil, "d": true]
    #expect(try JSON.parse(JSON.string(v)) == v)
    #expect(try JSON.parse("0.1").doubleValue == 0.1)
    #expect(try JSON.parse("[1e-7]") == [1e-7])
  }

  @Test func syntaxErrorsNamePosition() {
    do {
      _ = try JSON.parse("{\"a\": [1, 2,, 3]}")
      Issue.record("expected a syntax error")
    } catch {
      #expect(error.line == 1)
      #expect(error.column == 13)
    }
    #expect(throws: JSON.SyntaxError.self) { try JSON.parse("{\"a\": 1") }
    #expect(throws: JSON.SyntaxError.self) { try JSON.parse("[1] x") }
  }
}
