// swift-tools-version: 6.0
//
// SwiftGym: reinforcement-learning environments and agents in Swift.
//
// Layout
//   Sources/       the core (protocols, spaces, wrappers, vector envs, registry, runner),
//                  rendering, test support, the `gym` command and the C bridges.
//   Environments/  one target per environment family, attached with `path:`.
//   Agents/        one target per agent package, attached with `path:`.
import PackageDescription

let package = Package(
  name: "SwiftGym",
  platforms: [.macOS(.v14)],
  products: [
    .library(name: "SwiftGym", targets: ["SwiftGym"]),
    .library(name: "GymTesting", targets: ["GymTesting"]),
    .executable(name: "gym", targets: ["GymCLI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
  ],
  targets: [
    // MARK: - C bridges (Debian: libopenblas-dev, libpng-dev, libbox2d-dev)
    .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
    .systemLibrary(name: "CLAPACK", path: "Sources/CLAPACK"),
    .target(name: "CPNG", path: "Sources/CPNG", linkerSettings: [.linkedLibrary("png16")]),
    .target(name: "CGymSupport", path: "Sources/CGymSupport", linkerSettings: [.linkedLibrary("m")]),
    .target(
      name: "CBox2D",
      path: "Sources/CBox2D",
      cxxSettings: [.unsafeFlags(["-I/usr/include/box2d", "-O2"])],
      linkerSettings: [.linkedLibrary("box2d"), .linkedLibrary("stdc++")]
    ),

    // MARK: - Core library
    .target(
      name: "GymCore",
      dependencies: ["CGymSupport", .product(name: "RealModule", package: "swift-numerics")],
      path: "Sources/GymCore"
    ),
    .target(name: "GymRender", dependencies: ["GymCore", "CPNG"], path: "Sources/GymRender"),
    .target(name: "GymTesting", dependencies: ["GymCore"], path: "Sources/GymTesting"),
    // Exact hypervolume, dependency-free so QD archives and MORL agents share one implementation.
    .target(name: "GymParetoMetrics", path: "Sources/GymParetoMetrics"),
    .target(
      name: "GymNN",
      dependencies: ["GymCore", "CBLAS", .product(name: "RealModule", package: "swift-numerics")],
      path: "Sources/GymNN"
    ),

    // MARK: - Environment families
    .target(
      name: "GymClassicControl",
      dependencies: ["GymCore", "GymRender", "CGymSupport"],
      path: "Environments/ClassicControl"
    ),
    .target(
      name: "GymLanguage",
      dependencies: ["GymCore", "GymRender", "CBox2D", .product(name: "RealModule", package: "swift-numerics")],
      path: "Environments/Language"
    ),
    .target(
      name: "GymBox2D",
      dependencies: ["GymCore", "GymRender", "CBox2D"],
      path: "Environments/Box2D"
    ),
    .target(
      name: "GymBandits",
      dependencies: ["GymCore", .product(name: "RealModule", package: "swift-numerics")],
      path: "Environments/Bandits"
    ),
    .target(
      name: "GymGridWorld",
      dependencies: ["GymCore", "GymRender"],
      path: "Environments/GridWorld"
    ),
    .target(
      name: "GymMultiObjective",
      dependencies: ["GymCore", "GymRender", "GymClassicControl", "GymBox2D"],
      path: "Environments/MultiObjective"
    ),

    // MARK: - Agent packages
    .target(
      name: "GymBanditAgents",
      dependencies: ["GymCore", "GymBandits", .product(name: "RealModule", package: "swift-numerics")],
      path: "Agents/Bandits"
    ),
    .target(
      name: "GymBabyAIBot",
      dependencies: ["GymCore", "GymGridWorld"],
      path: "Agents/BabyAIBot"
    ),
    .target(
      name: "GymQD",
      dependencies: [
        "GymCore", "GymBox2D", "GymClassicControl", "GymMultiObjective", "GymParetoMetrics", "CGymSupport", "CBLAS", "CLAPACK",
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      path: "Agents/QualityDiversity"
    ),
    .target(
      name: "GymPPO",
      dependencies: ["GymNN", "GymCore", .product(name: "RealModule", package: "swift-numerics")],
      path: "Agents/PPO"
    ),
    .target(
      name: "GymMORL",
      dependencies: ["GymCore", "GymRender", "GymMultiObjective", "GymNN", "GymPPO", "GymParetoMetrics"],
      path: "Agents/MORL"
    ),

    .target(
      name: "GymRewardText",
      dependencies: ["GymCore", "GymGridWorld", .product(name: "RealModule", package: "swift-numerics")],
      path: "Agents/RewardFromText"
    ),
    .target(
      name: "GymRewardTextMiniLM",
      dependencies: ["GymRewardText", "GymNN"],
      path: "Agents/RewardFromTextMiniLM"
    ),

    // MARK: - Umbrella and command line
    .target(
      name: "SwiftGym",
      dependencies: [
        "GymCore", "GymRender", "GymClassicControl", "GymBox2D", "GymBandits", "GymBanditAgents", "GymNN", "GymPPO",
        "GymGridWorld", "GymBabyAIBot", "GymLanguage", "GymMultiObjective", "GymMORL", "GymQD", "GymParetoMetrics",
      ],
      path: "Sources/SwiftGym"
    ),
    .executableTarget(
      name: "GymCLI",
      dependencies: [
        "SwiftGym",
        "GymTesting",
        "GymRewardText",
        "GymRewardTextMiniLM",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Sources/GymCLI"
    ),

    // MARK: - Tests
    .testTarget(name: "GymCoreTests", dependencies: ["GymCore", "GymTesting"]),
    .testTarget(name: "GymRenderTests", dependencies: ["GymRender"], resources: [.copy("Golden")]),
    .testTarget(name: "GymBox2DTests", dependencies: ["CBox2D"]),
    .testTarget(
      name: "GymBox2DEnvTests",
      dependencies: ["GymBox2D", "GymTesting", "SwiftGym"],
      exclude: ["Reference"]
    ),
    .testTarget(
      name: "GymClassicControlTests",
      dependencies: ["GymClassicControl", "GymTesting", "SwiftGym"]
    ),
    .testTarget(name: "GymCLITests", dependencies: ["SwiftGym", "GymRewardText", "GymTesting"]),
    .testTarget(name: "GymQDTests", dependencies: ["GymQD", "SwiftGym"], exclude: ["Reference"]),
    .testTarget(name: "GymParetoMetricsTests", dependencies: ["GymParetoMetrics", "GymCore"]),
    .testTarget(name: "GymNNTests", dependencies: ["GymNN", "GymCore"]),
    .testTarget(name: "GymPPOTests", dependencies: ["GymPPO", "GymNN", "GymCore", "GymClassicControl"]),
    .testTarget(
      name: "GymRewardTextTests",
      dependencies: ["GymRewardText", "GymRewardTextMiniLM", "GymNN", "SwiftGym"],
      exclude: ["MiniLM"],
      resources: [.copy("Cassettes")]
    ),
    .testTarget(
      name: "GymBanditsTests",
      dependencies: [
        "GymBandits", "GymBanditAgents", "GymTesting", "SwiftGym",
        .product(name: "RealModule", package: "swift-numerics"),
      ]
    ),
    .testTarget(
      name: "GymGridWorldTests",
      dependencies: ["GymGridWorld", "GymBabyAIBot", "GymTesting", "SwiftGym"],
      exclude: ["Fixtures"]
    ),
    .testTarget(name: "GymLanguageTests", dependencies: ["GymLanguage", "GymTesting", "SwiftGym", "CBox2D"]),
    .testTarget(
      name: "GymMORLTests",
      dependencies: ["GymMORL", "GymMultiObjective", "GymTesting", "SwiftGym"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
