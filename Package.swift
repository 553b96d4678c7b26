// swift-tools-version:6.0
import PackageDescription

// Concrete generic types (a Dictionary keyed by one of our enums, say) get their metadata through accessor
// calls instead of by mangled name: a name makes the runtime demangle it and find the key's Hashable
// conformance by scanning every conformance record of the static stdlib and Foundation, about 240k
// instructions at each type's first use (issue 15; docs/performance.md, "Start-up").
let startupSettings: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])]

let package = Package(
    name: "budgetc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "budgetc", targets: ["budgetc"]),
        .library(name: "BudgetCore", targets: ["BudgetCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CXlsxWriter",
            path: "Sources/CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(
            name: "BudgetCore",
            dependencies: [
                "CXlsxWriter",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "BigInt", package: "BigInt"),
            ],
            path: "Sources/BudgetCore",
            swiftSettings: startupSettings
        ),
        .executableTarget(
            name: "budgetc",
            dependencies: [
                "BudgetCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/budgetc",
            swiftSettings: startupSettings
        ),
        .testTarget(
            name: "BudgetCoreTests",
            dependencies: [
                "BudgetCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Tests/BudgetCoreTests",
            // Fixture files are read from the source tree (found through #filePath), not bundled.
            exclude: ["Fixtures"]
        ),
    ]
)
