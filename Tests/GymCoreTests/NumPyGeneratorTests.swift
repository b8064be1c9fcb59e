import Testing

@testable import GymCore

/// Golden values from NumPy 2.4.6, generated with
/// `np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed)))`; each field names the
/// call (for example `integersRejection32` is `integers(0, 3 * 2**30, size=8)`, a range where
/// Lemire's method rejects a quarter of its 32-bit draws). Doubles are compared with `==`:
/// the literals are Python's shortest round-trip `repr`, so they parse to NumPy's exact bits.
struct Reference: Sendable, CustomTestStringConvertible {
  /// One value of a mixed sequence of calls.
  enum Mixed: Sendable, Equatable {
    case int(Int)
    case double(Double)
  }

  var seed: UInt64
  /// `SeedSequence(seed).pool`.
  var pool: [UInt32]
  /// `SeedSequence(seed).generate_state(4)`.
  var state32: [UInt32]
  /// `SeedSequence(seed).generate_state(4, np.uint64)`.
  var state64: [UInt64]
  /// `PCG64(seed).state["state"]["state"]` as (high, low).
  var pcgState: (UInt64, UInt64)
  /// `PCG64(seed).state["state"]["inc"]` as (high, low).
  var pcgInc: (UInt64, UInt64)
  /// `PCG64(seed).random_raw(8)`.
  var raw: [UInt64]
  /// `random(5)`.
  var random: [Double]
  /// `uniform(-0.05, 0.05, size=4)` (CartPole's reset).
  var uniform: [Double]
  /// `random(4, dtype=np.float32)`.
  var randomFloat: [Float]
  /// `integers(0, 10, size=20)`.
  var integers0to10: [Int]
  /// `[integers(1, 5) for _ in range(12)]`.
  var integers1to5Scalar: [Int]
  /// `integers(0, 2**40, size=5)`.
  var integersBelow2pow40: [Int]
  /// `integers(-2**62, 2**62, size=5)`.
  var integersPlusMinus2pow62: [Int]
  /// `integers(0, 2**32, size=5)`: range 2³² − 1, one raw 32-bit draw each.
  var integersBelow2pow32: [Int]
  /// `integers(-2**63, 2**63 - 1, size=3, endpoint=True)`: range 2⁶⁴ − 1.
  var integersFullRange: [Int]
  /// `integers(0, 6, size=10, endpoint=True)`.
  var integersEndpoint0to6: [Int]
  /// `integers(0, 3 * 2**30, size=8)`.
  var integersRejection32: [Int]
  /// `integers(-2**63, 2**62, size=8)`: Lemire64 rejecting a quarter of its draws.
  var integersRejection64: [Int]
  /// `[integers(5, 6), integers(-3, -2), integers(4, 4, endpoint=True), integers(0, 100)]`.
  var integersDegenerateThen0to100: [Int]
  /// `integers(0,10), random(), integers(0,10), integers(0,10), uniform(-1,1),
  /// integers(0,2**40), integers(0,3), normal(), integers(0,5), integers(0,5), random(),
  /// integers(1,7)`.
  var mixed: [Mixed]
  /// `normal(size=10)`.
  var normal: [Double]
  /// `normal(2.0, 3.0, size=3)`.
  var normalLoc2Scale3: [Double]
  /// `standard_exponential(size=6)`.
  var exponential: [Double]
  /// `exponential(2.0, size=3)`.
  var exponentialScale2: [Double]
  /// `checksum(standard_normal(200000))`, see `checksum(_:)`.
  var normalChecksum: UInt64
  /// `checksum(standard_exponential(200000))`.
  var exponentialChecksum: UInt64
  /// The checksum of 20 000 mixed `integers`/`random` calls, see `integersChecksum(_:)`.
  var integersChecksum: UInt64
  /// `choice(10, size=8)`.
  var choice10x8: [Int]
  /// `choice(10, size=5, replace=False)`.
  var choiceNoReplace: [Int]
  /// `choice(10, size=5, replace=False, shuffle=False)`.
  var choiceNoReplaceNoShuffle: [Int]
  /// `choice(10, size=10, replace=False)`.
  var choiceNoReplaceAll: [Int]
  /// `a = choice(20000, size=1000, replace=False)`: `(a[:5], sum((k + 1) * a[k]))`.
  var choiceTailShuffle: ([Int], Int)
  /// `choice(4, size=8, p=p)` then `choice(4, p=p)` with `p = [0.1, 0.2, 0.3, 0.4]`.
  var choiceP: [Int]
  /// `choice(5, size=3, replace=False, p=[0.1, 0.0, 0.2, 0.3, 0.4])`.
  var choicePNoReplace: [Int]
  /// `choice(6)` then `choice(["a", "b", "c"])`.
  var choiceScalar: (Int, String)
  /// `permutation(10)`.
  var permutation10: [Int]
  /// `x = list(range(7)); shuffle(x)`.
  var shuffle7: [Int]
  /// `x = list(range(300)); shuffle(x); x[:6]`.
  var shuffle300Head: [Int]

  var testDescription: String { "seed \(seed)" }
}

/// Folds doubles into one word as the generating script did: `acc = acc * 31 + bits(x)`.
func checksum(_ values: [Double]) -> UInt64 {
  values.reduce(0) { $0 &* 31 &+ $1.bitPattern }
}

/// 20 000 calls cycling through ranges from width 1 to 1000, a wide signed range every 11th
/// call and `random()` every 5th, folded like `checksum(_:)` (integers as 64-bit patterns).
func integersChecksum(_ rng: inout NumPyGenerator) -> UInt64 {
  var accumulator: UInt64 = 0
  for k in 0..<20_000 {
    let low = (k * 7) % 13 - 5
    let high = low + 1 + (k * 31) % 1000
    let value: UInt64
    if k % 5 == 4 {
      value = rng.random().bitPattern
    } else if k % 11 == 10 {
      value = UInt64(bitPattern: Int64(rng.integers(low: -(1 << 50), high: (1 << 50) + k)))
    } else {
      value = UInt64(bitPattern: Int64(rng.integers(low: low, high: high)))
    }
    accumulator = accumulator &* 31 &+ value
  }
  return accumulator
}

let references: [Reference] = [
  Reference(
    seed: 0,
    pool: [0xFE40EB07, 0x4F363A36, 0x4EB2009D, 0xC89A7AA7],
    state32: [0xB0F478BE, 0xDB2CD7E7, 0x2C71BA49, 0xABF4641A],
    state64: [0xDB2CD7E7B0F478BE, 0xABF4641A2C71BA49, 0x20C6ED6D9D7B8D41, 0x2C4099DE223C39D4],
    pcgState: (0x1AA1B5345996452D, 0x09585EB7A69561E3),
    pcgInc: (0x418DDADB3AF71A82, 0x588133BC447873A9),
    raw: [
      0xA30FEBCFD9C2825F, 0x4510BDF882D9D721, 0x0A7D3DA94ECDE8B8, 0x043B27B61342F01D,
      0xD0327A782CDE513B, 0xE9AA5979A6401C4E, 0x9B4C7B7180EDB27F, 0xBAC0495FF8829A45,
    ],
    random: [
      0.6369616873214543, 0.2697867137638703, 0.04097352393619469, 0.016527635528529094,
      0.8132702392002724,
    ],
    uniform: [
      0.013696168732145436, -0.02302132862361297, -0.045902647606380534, -0.04834723644714709,
    ],
    randomFloat: [0.8506242036819458, 0.6369616389274597, 0.5111364722251892, 0.26978665590286255],
    integers0to10: [8, 6, 5, 2, 3, 0, 0, 0, 1, 8, 6, 9, 5, 6, 9, 7, 6, 5, 5, 9],
    integers1to5Scalar: [4, 3, 3, 2, 2, 1, 1, 1, 1, 4, 3, 4],
    integersBelow2pow40: [700346781657, 296633628802, 45050865998, 18172327443, 894200084524],
    integersPlusMinus2pow62: [
      1263248596961149231, -2123342786782762096, -4233771963502889892, -4459245487058225138,
      2889407964218599581,
    ],
    integersBelow2pow32: [3653403231, 2735729615, 2195314465, 1158725112, 1322117304],
    integersFullRange: [2526497193922298463, -4246685573565524191, -8467543927005779784],
    integersEndpoint0to6: [5, 4, 3, 1, 2, 0, 0, 0, 1, 5],
    integersRejection32: [
      2740052423, 2051797211, 1646485848, 131984958, 242365461, 53239240, 564575468, 2091914554,
    ],
    integersRejection64: [
      -410970113771970105, -5490857189387837096, -8994711239801031659, 2028268937114205420,
      3404654365065090362, -830530860704709153, 869255235487527859, -1702288719628378161,
    ],
    integersDegenerateThen0to100: [5, -3, 4, 85],
    mixed: [
      .int(8), .double(0.2697867137638703), .int(6), .int(3), .double(-0.9669447289429418),
      .int(894200084524), .int(0), .double(0.36159505490948474), .int(2), .int(3),
      .double(0.7294965609839984), .int(4),
    ],
    normal: [
      0.1257302210933933, -0.1321048632913019, 0.6404226504432821, 0.10490011715303971,
      -0.535669373161111, 0.36159505490948474, 1.3040000451301372, 0.9470809631292422,
      -0.7037352358069926, -1.2654214710460525,
    ],
    normalLoc2Scale3: [2.37719066328018, 1.6036854101260944, 3.9212679513298463],
    exponential: [
      0.6799319039689096, 1.0195971014658647, 0.019806662589055352, 0.0022693266812281823,
      0.5503428726390482, 1.6299404346583852,
    ],
    exponentialScale2: [1.3598638079378191, 2.0391942029317294, 0.039613325178110705],
    normalChecksum: 0xE986D5DE6D3DE40E,
    exponentialChecksum: 0xA4EE10C5864C778E,
    integersChecksum: 0xC8597E64FCD1B57A,
    choice10x8: [8, 6, 5, 2, 3, 0, 0, 0],
    choiceNoReplace: [4, 7, 2, 3, 5],
    choiceNoReplaceNoShuffle: [5, 4, 7, 2, 3],
    choiceNoReplaceAll: [0, 9, 1, 2, 4, 6, 3, 7, 5, 8],
    choiceTailShuffle: ([16018, 4005, 8133, 3418, 18734], 5160754515),
    choiceP: [3, 1, 0, 0, 3, 3, 3, 3, 2],
    choicePNoReplace: [4, 2, 0],
    choiceScalar: (5, "b"),
    permutation10: [4, 6, 2, 7, 3, 5, 9, 0, 8, 1],
    shuffle7: [2, 4, 3, 6, 5, 0, 1],
    shuffle300Head: [36, 291, 128, 116, 266, 0]
  ),
  Reference(
    seed: 1,
    pool: [0xA137E185, 0x0DE2FAB1, 0x950EAE78, 0x54DD0A81],
    state32: [0x6D6791FF, 0x672D8EE5, 0x4EB1072C, 0x8AE19CA1],
    state64: [0x672D8EE56D6791FF, 0x8AE19CA14EB1072C, 0x4915796D1322FC4A, 0xD0CC2BDCABA049BD],
    pcgState: (0x9C5B484BFEDB756C, 0x2A6E7D6F320FBC7E),
    pcgInc: (0x922AF2DA2645F895, 0xA19857B95740937B),
    raw: [
      0x8306BDF37922E4FF, 0xF35196BBC152A866, 0x24E7A4F608EC18CD, 0xF2DAB0AED2AC6FD2,
      0x4FD42FA03FCD72A9, 0x6C5F1F45DE787048, 0xD3E4513345EE6D24, 0x68C1464C41CA3ACA,
    ],
    random: [
      0.5118216247002567, 0.9504636963259353, 0.14415961271963373, 0.9486494471372439,
      0.31183145201048545,
    ],
    uniform: [
      0.0011821624700256717, 0.045046369632593536, -0.03558403872803663, 0.04486494471372439,
    ],
    randomFloat: [0.4731886386871338, 0.5118215680122375, 0.7551674842834473, 0.9504636526107788],
    integers0to10: [4, 5, 7, 9, 0, 1, 8, 9, 2, 3, 8, 4, 2, 8, 2, 4, 6, 5, 0, 0],
    integers1to5Scalar: [2, 3, 4, 4, 1, 1, 4, 4, 1, 2, 4, 2],
    integersBelow2pow40: [562753827705, 1045045885889, 158505170440, 1043051097810, 342862307391],
    integersPlusMinus2pow62: [
      109035242690540159, 4154794260310873139, -3282048277625303962, 4138060765076010985,
      -1735548523742054060,
    ],
    integersBelow2pow32: [2032329983, 2198257139, 3243419750, 4082210491, 149690573],
    integersFullRange: [218070485381080319, 8309588520621746278, -6564096555250607923],
    integersEndpoint0to6: [3, 3, 5, 6, 0, 1, 5, 6, 1, 2],
    integersRejection32: [
      1524247487, 1648692854, 2432564812, 3061657868, 112267929, 464370616, 2650887133, 3055813762,
    ],
    integersRejection64: [
      -2142290145177883713, 3926348381252615756, -7228915425651649895, 3901248138400322525,
      -4909165794826775042, -3562078229016105961, -1619711461081384033, -8842090105184828983,
    ],
    integersDegenerateThen0to100: [5, -3, 4, 47],
    mixed: [
      .int(4), .double(0.9504636963259353), .int(5), .int(0), .double(0.8972988942744877),
      .int(342862307391), .int(0), .double(0.4463745723640113), .int(1), .int(4),
      .double(0.4091991363691613), .int(4),
    ],
    normal: [
      0.345584192064786, 0.8216181435011584, 0.33043707618338714, -1.303157231604361,
      0.9053558666731177, 0.4463745723640113, -0.5369532353602852, 0.5811181041963531,
      0.36457239618607573, 0.294132496655526,
    ],
    normalLoc2Scale3: [3.036752576194358, 4.464854430503475, 2.9913112285501615],
    exponential: [
      1.0730290263725388, 0.30845314412528435, 5.375436872608127, 0.36642711289983193,
      0.11536203910680366, 1.7997970856557877,
    ],
    exponentialScale2: [2.1460580527450777, 0.6169062882505687, 10.750873745216253],
    normalChecksum: 0xE720623DE840B44D,
    exponentialChecksum: 0xB3D7D76D50D6E97D,
    integersChecksum: 0x0849CC7F3D470B31,
    choice10x8: [4, 5, 7, 9, 0, 1, 8, 9],
    choiceNoReplace: [3, 0, 6, 8, 2],
    choiceNoReplaceNoShuffle: [2, 3, 6, 8, 0],
    choiceNoReplaceAll: [0, 2, 8, 5, 6, 4, 1, 9, 7, 3],
    choiceTailShuffle: ([12832, 18423, 15046, 912, 2575], 5057799606),
    choiceP: [2, 3, 1, 3, 2, 2, 3, 2, 2],
    choicePNoReplace: [3, 4, 2],
    choiceScalar: (2, "b"),
    permutation10: [8, 4, 7, 0, 1, 2, 5, 9, 6, 3],
    shuffle7: [5, 0, 1, 4, 2, 6, 3],
    shuffle300Head: [167, 184, 23, 9, 121, 286]
  ),
  Reference(
    seed: 42,
    pool: [0x631D3606, 0x07AE90AE, 0x6FC4BE28, 0x2CED5C75],
    state32: [0xCD540AB7, 0x9F1E2E6D, 0x79FB94B6, 0xD57873DC],
    state64: [0x9F1E2E6DCD540AB7, 0xD57873DC79FB94B6, 0x7D282A1B64D420B7, 0x336579714692D5FF],
    pcgState: (0xCEA44F6798798F2A, 0xACBC7C9D68860AC8),
    pcgInc: (0xFA505436C9A8416E, 0x66CAF2E28D25ABFF),
    raw: [
      0xC621FBCD16D92688, 0x705A5661A791FFC1, 0xDBCD12C26EDA1624, 0xB286B60E1600888D,
      0x181C01B5339381EB, 0xF9C262ED86C7538C, 0xC2DA0D2FBC5A4471, 0xC93B82A3B7AC9740,
    ],
    random: [
      0.7739560485559633, 0.4388784397520523, 0.8585979199113825, 0.6973680290593639,
      0.09417734788764953,
    ],
    uniform: [
      0.027395604855596334, -0.006112156024794771, 0.03585979199113824, 0.019736802905936393,
    ],
    randomFloat: [0.08925092220306396, 0.7739560008049011, 0.6545714735984802, 0.4388784170150757],
    integers0to10: [0, 7, 6, 4, 4, 8, 0, 6, 2, 0, 5, 9, 7, 7, 7, 7, 5, 1, 8, 4],
    integers1to5Scalar: [1, 4, 3, 2, 2, 4, 1, 3, 1, 1, 3, 4],
    integersBelow2pow40: [850973674774, 482551947687, 944038396526, 766764256790, 103549089075],
    integersPlusMinus2pow62: [
      2526798557578302276, -563746889639854112, 3307482026984934162, 1820398760195277894,
      -3743053301415296779,
    ],
    integersBelow2pow32: [383329928, 3324115917, 2811363265, 1884968545, 1859786276],
    integersFullRange: [5053597115156604552, -1127493779279708223, 6614964053969868324],
    integersEndpoint0to6: [0, 5, 4, 3, 3, 6, 0, 4, 1, 0],
    integersRejection32: [
      2493086937, 2108522448, 1413726408, 2765737489, 276850281, 2246379658, 648978800, 303366471,
    ],
    integersRejection64: [
      -3151463343673475120, 424755131079222889, -7920422961336639120, 1307039928361923412,
      -7450912491115504434, -2992256438786896366, -4093359844813091810, 3598475387468557827,
    ],
    integersDegenerateThen0to100: [5, -3, 4, 8],
    mixed: [
      .int(0), .double(0.4388784397520523), .int(7), .int(4), .double(0.3947360581187278),
      .int(103549089075), .int(2), .double(-1.302179506862318), .int(3), .int(3),
      .double(0.7860643052769538), .int(4),
    ],
    normal: [
      0.30471707975443135, -1.0399841062404955, 0.7504511958064572, 0.9405647163912139,
      -1.9510351886538364, -1.302179506862318, 0.12784040316728537, -0.3162425923435822,
      -0.016801157504288795, -0.85304392757358,
    ],
    normalLoc2Scale3: [2.914151239263294, -1.1199523187214866, 4.251353587419372],
    exponential: [
      2.4042086039659947, 2.3361896558244535, 2.384760999874255, 0.2797942898515832,
      0.08643739969837702, 1.4526605157061507,
    ],
    exponentialScale2: [4.808417207931989, 4.672379311648907, 4.76952199974851],
    normalChecksum: 0x36A289960C4FFA5C,
    exponentialChecksum: 0x58885A3E1F16872B,
    integersChecksum: 0x7D8003E758F7DE06,
    choice10x8: [0, 7, 6, 4, 4, 8, 0, 6],
    choiceNoReplace: [5, 3, 7, 0, 4],
    choiceNoReplaceNoShuffle: [0, 5, 7, 3, 4],
    choiceNoReplaceAll: [2, 9, 1, 6, 3, 8, 5, 7, 4, 0],
    choiceTailShuffle: ([9742, 18275, 6853, 10003, 11897], 5045161823),
    choiceP: [3, 2, 3, 3, 0, 3, 3, 3, 1],
    choicePNoReplace: [4, 3, 2],
    choiceScalar: (0, "c"),
    permutation10: [5, 6, 0, 7, 3, 2, 4, 9, 1, 8],
    shuffle7: [3, 2, 6, 4, 1, 5, 0],
    shuffle300Head: [261, 293, 61, 253, 166, 26]
  ),
  Reference(
    seed: 1099511627776,
    pool: [0x2ABA3C55, 0x7AE0CCD4, 0x38F09356, 0xBB7FC03B],
    state32: [0x44F01AB8, 0xDBC80869, 0x1699B3AA, 0xA81239E0],
    state64: [0xDBC8086944F01AB8, 0xA81239E01699B3AA, 0xF50BDB2A254BE6F3, 0x4B95FBD7A198A28B],
    pcgState: (0x1A202D0A070D0758, 0x8ECDFC3D9ABBC71C),
    pcgInc: (0xEA17B6544A97CDE6, 0x972BF7AF43314517),
    raw: [
      0x5C5E0425EC260D81, 0xA0D45A56612DB3E2, 0xFEC759E7CB2453D6, 0x2860731250AE7CE4,
      0xB0BA60719D9C5278, 0x78E5FEEE6FEBEA3F, 0xF96315EFF07A8B3A, 0xB790CBE37B33D3DA,
    ],
    random: [
      0.3608095734199638, 0.6282402478110984, 0.9952293578054576, 0.15772170254848017,
      0.6903438832647322,
    ],
    uniform: [
      -0.013919042658003623, 0.012824024781109847, 0.04952293578054577, -0.03422782974515198,
    ],
    randomFloat: [0.9224556088447571, 0.3608095645904541, 0.3796035647392273, 0.6282402276992798],
    integers0to10: [9, 3, 3, 6, 7, 9, 3, 1, 6, 6, 4, 4, 9, 9, 4, 7, 7, 0, 5, 1],
    integers1to5Scalar: [4, 2, 2, 3, 4, 4, 2, 1, 3, 3, 2, 2],
    integersBelow2pow40: [396714321388, 690757457505, 1094266251211, 173416845904, 759041126813],
    integersPlusMinus2pow62: [
      -1283805088316193088, 1182807515660212721, 4567684610612406763, -3156960077536608654,
      1755612450290280764,
    ],
    integersBelow2pow32: [3961916801, 1549665317, 1630385122, 2698271318, 3408155606],
    integersFullRange: [-2567610176632386175, 2365615031320425442, 9135369221224813526],
    integersEndpoint0to6: [6, 2, 2, 4, 5, 6, 2, 1, 4, 4],
    integersRejection32: [
      2971437600, 1162248987, 1222788841, 2023703488, 2556116704, 3205858157, 508057165, 2223753300,
    ],
    integersRejection64: [
      -4231550641687983584, -531631735723374871, 4545683906704916192, -2689635021166153809,
      4254301256955979883, 697100175749340899, -7577393190752228906, -6069627654090184573,
    ],
    integersDegenerateThen0to100: [5, -3, 4, 92],
    mixed: [
      .int(9), .double(0.6282402478110984), .int(3), .int(7), .double(-0.6845565949030397),
      .int(759041126813), .int(2), .double(0.8470375903104077), .int(4), .int(4),
      .double(0.7170531683324974), .int(5),
    ],
    normal: [
      -1.3670605025457785, -0.06290412277759001, -2.173397734609074, 0.6437558794376946,
      0.7744003135562746, 0.8470375903104077, -0.8334852602876391, -1.7017966810415894,
      0.33912574050484073, -2.011749758277709,
    ],
    normalLoc2Scale3: [-2.1011815076373352, 1.81128763166723, -4.520193203827223],
    exponential: [
      0.8574170966947844, 1.0182307531501935, 1.588711536147033, 0.766528928593365,
      0.4839185393087894, 1.3384388418164401,
    ],
    exponentialScale2: [1.7148341933895688, 2.036461506300387, 3.177423072294066],
    normalChecksum: 0x0F08A4FB062DB5A0,
    exponentialChecksum: 0x67F70C965E1A0563,
    integersChecksum: 0x7D02F73BE4CDEC1F,
    choice10x8: [9, 3, 3, 6, 7, 9, 3, 1],
    choiceNoReplace: [3, 8, 5, 2, 7],
    choiceNoReplaceNoShuffle: [5, 2, 3, 8, 7],
    choiceNoReplaceAll: [1, 0, 7, 4, 2, 5, 9, 8, 3, 6],
    choiceTailShuffle: ([12219, 5652, 7860, 14329, 18383], 5137674745),
    choiceP: [2, 3, 3, 1, 3, 2, 3, 3, 0],
    choicePNoReplace: [3, 4, 0],
    choiceScalar: (5, "b"),
    permutation10: [3, 8, 9, 0, 7, 4, 6, 2, 5, 1],
    shuffle7: [0, 6, 3, 4, 2, 5, 1],
    shuffle300Head: [200, 56, 237, 206, 283, 142]
  ),
]

@Suite("NumPyGenerator")
struct NumPyGeneratorTests {
  // MARK: - SeedSequence and PCG64

  @Test("SeedSequence pool and generate_state", arguments: references)
  func seedSequence(_ reference: Reference) {
    let sequence = SeedSequence(reference.seed)
    #expect(sequence.pool == reference.pool)
    #expect(sequence.generateState(nWords: 4) == reference.state32)
    #expect(sequence.generateState64(nWords: 4) == reference.state64)
  }

  @Test("SeedSequence with many words, a spawn key, and spawning")
  func seedSequenceVariants() {
    let sixWords = SeedSequence(words: [1, 2, 3, 4, 5, 6])
    #expect(sixWords.pool == [0x3AE7_A697, 0xA21E_E909, 0xCF61_026C, 0x4E53_5C87])
    #expect(
      sixWords.generateState(nWords: 8) == [
        0x1D1B_CA21, 0xEBCD_001D, 0xB202_608B, 0xCFEA_83A4,
        0xE4FC_F5B6, 0x9B21_DD81, 0x08E2_670B, 0x1B5D_D0A3,
      ])
    let keyed = SeedSequence(words: [7], spawnKey: [3])
    #expect(keyed.pool == [0x7D5E_5649, 0x5B4D_2706, 0x1E81_C756, 0x2C9B_A8C4])
    #expect(keyed.generateState(nWords: 4) == [0xE503_5277, 0x5EB3_8DC8, 0xA9DD_58EE, 0xD7CA_5BAB])
    // SeedSequence(2**70 + 5): the words of a Python int, least significant first.
    #expect(
      SeedSequence(words: [5, 0, 64]).pool == [0xBE86_E862, 0x0517_C3CA, 0xEC88_939E, 0x629E_B5C7])
    // A 64-bit seed splits into two words; 2**32 is [0, 1].
    #expect(SeedSequence(1 << 32).entropy == [0, 1])
    #expect(
      SeedSequence(1 << 32).pool == [3_774_083_058, 3_704_433_742, 401_706_016, 2_609_690_843])
    var parent = SeedSequence(42)
    let children = parent.spawn(2)
    #expect(children.map(\.spawnKey) == [[0], [1]])
    #expect(children[0].generateState(nWords: 2) == [0xA001_C6A4, 0xDFF6_ED7D])
    #expect(children[1].generateState(nWords: 2) == [0xF3E6_3CBA, 0x01DC_B763])
    let third = parent.spawn(1)
    #expect(third[0].spawnKey == [2])
    #expect(third[0].generateState(nWords: 2) == [0x0DE6_C5ED, 0xA102_097A])
  }

  @Test("PCG64 seeding and raw 64-bit outputs", arguments: references)
  func pcg64(_ reference: Reference) {
    var generator = PCG64(seed: reference.seed)
    #expect(generator.stateWords == reference.pcgState)
    #expect(generator.incrementWords == reference.pcgInc)
    #expect((0..<8).map { _ in generator.next() } == reference.raw)
  }

  @Test("PCG64 splits a 64-bit output into two buffered 32-bit halves, low half first")
  func pcg64Buffer() {
    var generator = PCG64(seed: 0)
    #expect(!generator.hasBufferedUInt32)
    #expect(generator.nextUInt32() == 0xD9C2_825F)
    #expect(generator.hasBufferedUInt32 && generator.bufferedUInt32 == 0xA30F_EBCF)
    #expect(generator.next() == 0x4510_BDF8_82D9_D721)  // 64-bit draws leave the buffer alone
    #expect(generator.nextUInt32() == 0xA30F_EBCF)
    #expect(!generator.hasBufferedUInt32)
    #expect(generator.nextUInt32() == 0x4ECD_E8B8)
  }

  @Test("PCG64.advance matches numpy's advance")
  func pcg64Advance() {
    var generator = PCG64(seed: 0)
    generator.advance(by: 12345)
    #expect(
      (0..<3).map { _ in generator.next() } == [
        0xD0EC_7258_4AB0_2043, 0x0EE3_3D61_C4AC_482B, 0x4D44_FF8C_E3CF_B82D,
      ])
    // PCG64(0).advance(2**64 + 3).random_raw(2)
    var far = PCG64(seed: 0)
    far.advance(by: (high: 1, low: 3))
    #expect((0..<2).map { _ in far.next() } == [0xA49A_9482_9958_DBB9, 0x8FA1_F18A_E616_F6B4])
    // After one 32-bit draw (Generator.integers(0, 10)) advance also drops the buffered half.
    var buffered = PCG64(seed: 0)
    _ = buffered.nextUInt32()
    buffered.advance(by: (high: 1, low: 3))
    #expect(!buffered.hasBufferedUInt32)
    #expect((0..<2).map { _ in buffered.next() } == [0x8FA1_F18A_E616_F6B4, 0x9B7F_7F7E_540A_803C])
  }

  // MARK: - Floating point

  @Test("random, uniform and float32 random", arguments: references)
  func floats(_ reference: Reference) {
    var rng = NumPyGenerator(seed: reference.seed)
    #expect(rng.random(count: 5) == reference.random)
    rng = NumPyGenerator(seed: reference.seed)
    #expect(rng.uniform(low: -0.05, high: 0.05, count: 4) == reference.uniform)
    rng = NumPyGenerator(seed: reference.seed)
    #expect((0..<4).map { _ in rng.uniform(low: -0.05, high: 0.05) } == reference.uniform)
    rng = NumPyGenerator(seed: reference.seed)
    #expect((0..<4).map { _ in rng.randomFloat() } == reference.randomFloat)
  }

  @Test("CartPole-v1's first observation for seed 0")
  func cartPoleSeed0() {
    var rng = NumPyGenerator(seed: 0)
    let state = rng.uniform(low: -0.05, high: 0.05, count: 4).map { Float($0) }
    #expect(
      state == [
        0.013696168549358845, -0.023021329194307327, -0.04590264707803726,
        -0.04834723472595215,
      ])
  }

  @Test("uniform over arrays of bounds (Box.sample)")
  func uniformArrays() {
    var rng = NumPyGenerator(seed: 3)
    #expect(
      rng.uniform(low: [0, 1, -2], high: [1, 3, 2]) == [
        0.08564916714362436, 1.4736210131921994, 1.2050978608255876,
      ])
  }

  // MARK: - Integers

  @Test("integers over small, 32-bit, wide, full and rejecting ranges", arguments: references)
  func integers(_ reference: Reference) {
    let seed = reference.seed
    var rng = NumPyGenerator(seed: seed)
    #expect(rng.integers(low: 0, high: 10, count: 20) == reference.integers0to10)
    rng = NumPyGenerator(seed: seed)
    #expect((0..<20).map { _ in rng.integers(low: 0, high: 10) } == reference.integers0to10)
    rng = NumPyGenerator(seed: seed)
    #expect((0..<12).map { _ in rng.integers(low: 1, high: 5) } == reference.integers1to5Scalar)
    rng = NumPyGenerator(seed: seed)
    #expect(rng.integers(low: 0, high: 1 << 40, count: 5) == reference.integersBelow2pow40)
    rng = NumPyGenerator(seed: seed)
    #expect(
      rng.integers(low: -(1 << 62), high: 1 << 62, count: 5) == reference.integersPlusMinus2pow62)
    rng = NumPyGenerator(seed: seed)
    #expect(rng.integers(low: 0, high: 1 << 32, count: 5) == reference.integersBelow2pow32)
    rng = NumPyGenerator(seed: seed)
    #expect(
      rng.integers(low: .min, high: .max, count: 3, endpoint: true) == reference.integersFullRange)
    rng = NumPyGenerator(seed: seed)
    #expect(
      rng.integers(low: 0, high: 6, count: 10, endpoint: true) == reference.integersEndpoint0to6)
    rng = NumPyGenerator(seed: seed)
    #expect(rng.integers(low: 0, high: 3 << 30, count: 8) == reference.integersRejection32)
    rng = NumPyGenerator(seed: seed)
    #expect(rng.integers(low: .min, high: 1 << 62, count: 8) == reference.integersRejection64)
    rng = NumPyGenerator(seed: seed)
    let degenerate = [
      rng.integers(low: 5, high: 6), rng.integers(low: -3, high: -2),
      rng.integers(low: 4, high: 4, endpoint: true), rng.integers(low: 0, high: 100),
    ]
    #expect(degenerate == reference.integersDegenerateThen0to100)
  }

  @Test("integers(high) draws from 0..<high")
  func integersHighOnly() {
    var rng = NumPyGenerator(seed: 0)
    #expect((0..<6).map { _ in rng.integers(7) } == [5, 4, 3, 1, 2, 0])
  }

  @Test(
    "Mixed integers, random, uniform and normal share NumPy's 32-bit buffer",
    arguments: references)
  func mixedSequence(_ reference: Reference) {
    var rng = NumPyGenerator(seed: reference.seed)
    var values: [Reference.Mixed] = []
    values.append(.int(rng.integers(low: 0, high: 10)))
    values.append(.double(rng.random()))
    values.append(.int(rng.integers(low: 0, high: 10)))
    values.append(.int(rng.integers(low: 0, high: 10)))
    values.append(.double(rng.uniform(low: -1, high: 1)))
    values.append(.int(rng.integers(low: 0, high: 1 << 40)))
    values.append(.int(rng.integers(low: 0, high: 3)))
    values.append(.double(rng.normal()))
    values.append(.int(rng.integers(low: 0, high: 5)))
    values.append(.int(rng.integers(low: 0, high: 5)))
    values.append(.double(rng.random()))
    values.append(.int(rng.integers(low: 1, high: 7)))
    #expect(values == reference.mixed)
  }

  @Test("The buffer state after integers and random matches numpy's bit_generator.state")
  func bufferStateAfterMixedCalls() {
    var rng = NumPyGenerator(seed: 0)
    _ = rng.integers(low: 0, high: 10)
    #expect(rng.bitGenerator.hasBufferedUInt32 && rng.bitGenerator.bufferedUInt32 == 0xA30F_EBCF)
    _ = rng.random()
    #expect(rng.bitGenerator.hasBufferedUInt32 && rng.bitGenerator.bufferedUInt32 == 0xA30F_EBCF)
    _ = rng.integers(low: 0, high: 10)
    #expect(!rng.bitGenerator.hasBufferedUInt32)
  }

  @Test("20 000 Minigrid-style integers and random calls", arguments: references)
  func integersLongRun(_ reference: Reference) {
    var rng = NumPyGenerator(seed: reference.seed)
    #expect(integersChecksum(&rng) == reference.integersChecksum)
  }

  // MARK: - Normal and exponential

  @Test("normal and exponential samples", arguments: references)
  func normalAndExponential(_ reference: Reference) {
    var rng = NumPyGenerator(seed: reference.seed)
    #expect(rng.normal(count: 10) == reference.normal)
    rng = NumPyGenerator(seed: reference.seed)
    #expect((0..<10).map { _ in rng.standardNormal() } == reference.normal)
    rng = NumPyGenerator(seed: reference.seed)
    #expect(rng.normal(loc: 2, scale: 3, count: 3) == reference.normalLoc2Scale3)
    rng = NumPyGenerator(seed: reference.seed)
    #expect(rng.standardExponential(count: 6) == reference.exponential)
    rng = NumPyGenerator(seed: reference.seed)
    #expect(rng.exponential(scale: 2, count: 3) == reference.exponentialScale2)
  }

  @Test(
    "200 000 normal and exponential samples (every ziggurat layer, wedge and tail)",
    arguments: references)
  func zigguratChecksums(_ reference: Reference) {
    var rng = NumPyGenerator(seed: reference.seed)
    #expect(checksum(rng.standardNormal(count: 200_000)) == reference.normalChecksum)
    rng = NumPyGenerator(seed: reference.seed)
    #expect(checksum(rng.standardExponential(count: 200_000)) == reference.exponentialChecksum)
  }

  // MARK: - Choice and shuffling

  @Test("choice, permutation and shuffle", arguments: references)
  func choiceAndShuffle(_ reference: Reference) {
    let seed = reference.seed
    var rng = NumPyGenerator(seed: seed)
    #expect(rng.choice(10, count: 8) == reference.choice10x8)
    rng = NumPyGenerator(seed: seed)
    #expect(rng.choice(10, count: 5, replace: false) == reference.choiceNoReplace)
    rng = NumPyGenerator(seed: seed)
    let unshuffled = rng.choice(10, count: 5, replace: false, shuffle: false)
    #expect(unshuffled == reference.choiceNoReplaceNoShuffle)
    rng = NumPyGenerator(seed: seed)
    #expect(rng.choice(10, count: 10, replace: false) == reference.choiceNoReplaceAll)
    rng = NumPyGenerator(seed: seed)
    let tail = rng.choice(20_000, count: 1000, replace: false)
    #expect(Array(tail.prefix(5)) == reference.choiceTailShuffle.0)
    let weightedSum = tail.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element }
    #expect(weightedSum == reference.choiceTailShuffle.1)
    #expect(Set(tail).count == 1000)
    rng = NumPyGenerator(seed: seed)
    let p = [0.1, 0.2, 0.3, 0.4]
    let drawn = rng.choice(probabilities: p, count: 8)
    #expect(drawn + [rng.choice(probabilities: p)] == reference.choiceP)
    rng = NumPyGenerator(seed: seed)
    #expect(
      rng.choice(probabilities: [0.1, 0, 0.2, 0.3, 0.4], count: 3, replace: false)
        == reference.choicePNoReplace)
    rng = NumPyGenerator(seed: seed)
    #expect(rng.choice(6) == reference.choiceScalar.0)
    #expect(rng.choice(from: ["a", "b", "c"]) == reference.choiceScalar.1)
    rng = NumPyGenerator(seed: seed)
    #expect(rng.permutation(10) == reference.permutation10)
    rng = NumPyGenerator(seed: seed)
    var seven = Array(0..<7)
    rng.shuffle(&seven)
    #expect(seven == reference.shuffle7)
    rng = NumPyGenerator(seed: seed)
    var many = Array(0..<300)
    rng.shuffle(&many)
    #expect(Array(many.prefix(6)) == reference.shuffle300Head)
  }

  @Test("choice and permutation of elements")
  func choiceOfElements() {
    var rng = NumPyGenerator(seed: 5)
    #expect(rng.choice(from: ["x", "y", "z", "w"]) == "z")
    #expect(rng.permutation(["a", "b", "c", "d", "e"]) == ["b", "e", "c", "d", "a"])
  }

  // MARK: - Invariants

  @Test("Copies replay the same stream; different seeds give different streams")
  func valueSemantics() {
    var first = NumPyGenerator(seed: 7)
    _ = first.integers(low: 0, high: 3)
    var copy = first
    #expect(first.random(count: 3) == copy.random(count: 3))
    #expect(first.integers(low: 0, high: 9, count: 5) == copy.integers(low: 0, high: 9, count: 5))
    #expect(first == copy)
    var other = NumPyGenerator(seed: 8)
    var seven = NumPyGenerator(seed: 7)
    #expect(seven.bitGenerator != other.bitGenerator)
    #expect(other.random() != seven.random())
  }

  @Test(
    "integers stays within bounds",
    arguments: [(0, 1), (-5, 5), (0, 3 << 30), (-(1 << 40), 1 << 40)])
  func integersBounds(_ bounds: (Int, Int)) {
    var rng = NumPyGenerator(seed: 11)
    for value in rng.integers(low: bounds.0, high: bounds.1, count: 2000) {
      #expect(value >= bounds.0 && value < bounds.1)
    }
    for value in rng.integers(low: bounds.0, high: bounds.1, count: 2000, endpoint: true) {
      #expect(value >= bounds.0 && value <= bounds.1)
    }
  }
}
